/// What a breaching sentence was written to breach (the generator's intent, not a verdict).
public enum BreachKind: String, Sendable, CaseIterable {
    case childMention = "child-mention"
    case settingName = "setting-name"
    case workplaceRemark = "workplace-remark"
    case parentContact = "parent-contact"
    case photo
    case learningJourney = "learning-journey"
    case safeguarding
}

/// Sentence templates in British English. `{slot}`s are filled by `DraftGenerator`:
/// day, time, town, food, pet, weather, weatherAdj, show, friend (general slots) and
/// child, childFirst, carer, setting, settingShort (roster slots, used only in breaches).
/// Fixed data: append rather than reorder, or every generated workload changes.
enum Phrases {
    /// Everyday chat and social posts with nothing the policy is about.
    static let chat = [
        "Lovely walk along the river this morning, the frost on the fields was beautiful.",
        "Kettle's on, who's popping round for a cuppa later?",
        "Does anyone know a decent mechanic near {town}? The car's making a horrible grinding noise again.",
        "Anyone fancy a coffee at the garden centre on {day}? Thinking about {time}.",
        "Finally got round to sorting the loft, found my old school reports 😂",
        "{friend}, are we still on for the pub quiz on {day}? I'll bring the crisps.",
        "Bake sale at the village hall on {day}, I've done a batch of {food}.",
        "The {pet} has eaten another sock. Third one this week!",
        "Can't believe it's {weather} again, the washing will never dry.",
        "Massive thanks to everyone who came to the car boot sale, we raised loads for the hospice.",
        "Just finished {show}, no spoilers please but that ending!",
        "Roast in the oven, wine in the glass, feet up. Perfect {day}.",
        "Does anyone have a spare ticket for the panto in {town}?",
        "Parking in {town} on a Saturday is an absolute nightmare.",
        "Who else is doing couch to 5k? Week three is harder than it looks.",
        "New allotment plot is coming on nicely, the runner beans are finally up.",
        "Happy birthday {friend}! Hope you have a brilliant day, drinks on me next time x",
        "Recommendations for a good Indian takeaway in {town}? Ours has closed down.",
        "The bin men didn't come again, is it just our road?",
        "Boiler's packed in, of course it has, it's the coldest week of the year.",
        "Lost a grey scarf near the Co-op in {town}, please message me if you find it.",
        "Cracking sunset over the fields tonight.",
        "Car boot haul: a teapot, three jigsaws and a lamp I definitely didn't need.",
        "Anyone selling a second-hand bike in good nick? Budget about £80.",
        "Fish and chips on the seafront at Southwold, can't beat it.",
        "Book club picked a 600-page novel this month, wish me luck.",
        "Our {pet} has learnt to open the back door. Send help.",
        "Spent the whole afternoon at the tip, the garage is finally clear!",
        "Thank you {friend} for the lovely flowers, you're a star.",
        "Hoping the rain holds off for the fireworks on {day}.",
        "Is the big Tesco in {town} open on bank holiday Monday?",
        "Made {food} for the first time and didn't burn it, I'm calling that a win.",
        "Quiz night raised £412 for the air ambulance, thanks all!",
        "Train to Ipswich cancelled again, brilliant.",
        "Charity shop find of the year: a proper wool coat for a fiver.",
        "Does anyone know a good plumber? The kitchen tap's been dripping for weeks.",
        "Walked the {pet} round Alton Water, came back absolutely filthy.",
        "Adult swimming lessons at the leisure centre, has anyone done them?",
        "Big shout out to the lovely lady at the post office who helped me with a parcel.",
        "Weekend plans: nothing at all, and I can’t wait.",
        "It’s freezing out there, get the kettle on ☕",
        "The café in {town} does the best scones, honestly worth the drive.",
        "We’re off to Norfolk for half term, any tips for rainy days?",
        "Fancy a walk on {day}? The forecast looks {weatherAdj}.",
        "Knitting group is back on Thursday evenings at the library.",
        "Cinema trip on {day}, the popcorn now costs more than the ticket.",
        "Anyone else watching the snooker? Nail-biting stuff.",
        "Old photos from the 1987 village fete have turned up at my nan's, what a treasure.",
        "My sourdough starter has a name now. It's Gerald.",
        "Can anyone recommend a dentist taking NHS patients around {town}?",
        "Gym at six this morning, who even am I?",
        "Hedgehog in the garden again last night, I've left some water out for him.",
    ]

    /// Longer, more formal sentences for emails and long text.
    static let letter = [
        "I hope this finds you well and that the move went smoothly.",
        "Just a quick note to say thank you for organising the fundraiser last weekend; it was a real success and everyone I spoke to enjoyed it.",
        "The parish council meeting has been moved to the Wednesday after next, at seven o'clock in the village hall.",
        "I've attached the minutes from last month, although I appear to have spelt the treasurer's name wrong again.",
        "Could you let me know whether you're still happy to run the tombola stall, or whether I should ask around for someone else?",
        "We're thinking of booking the cottage in Aldeburgh for the second week of August, if you and {friend} would like to join us.",
        "The builders have finally finished the extension, only six weeks late and with twice the mess they promised.",
        "Mum is doing much better since the operation and sends her love; she's back to bossing everyone about.",
        "On the subject of the allotment, the committee have agreed to put in a new water trough by the shed.",
        "If it's easier, I can drop the paperwork round on {day} on my way to {town}.",
        "The quote for the roof came in at just under £4,000, which seems steep, so I've asked for a second opinion.",
        "I've been meaning to ask whether you still have the number for that electrician who sorted out your fuse box.",
        "The forecast for the weekend looks mixed, so we may move the barbecue indoors.",
        "Let me know what you think, and no rush at all.",
        "We had a lovely time in the Lake District, although it rained every single day and the tent leaked.",
        "The choir is looking for more tenors, if you know anyone who can hold a tune.",
        "Please find below the details for the coach trip to the Christmas market in Norwich.",
        "I'm afraid I won't make book club this month as I'm away, but I've nearly finished the novel.",
        "Thank you again for the loan of the gazebo; I'll return it once it has dried out properly.",
        "The library is running a series of evening talks on local history this autumn, starting with the wool trade.",
        "Our broadband has been down since Tuesday, so apologies if I've been slow to reply.",
        "I've looked into the insurance renewal and the cheapest like-for-like quote is with the same company after all.",
        "The village newsletter deadline is the twentieth, so anything you'd like included needs to reach me by then.",
        "The coach leaves from the church car park at half past eight, and tickets are £18 each including the driver's tip.",
        "I did try ringing on {day} but I think you were out, so I thought I'd put it all in an email instead.",
        "The walking group is doing the Constable trail from Flatford next month, about seven miles with a pub stop halfway.",
        "We’ve finally chosen a colour for the front door – a sort of sage green – after three months of arguing about it.",
        "Apparently the new bakery on the high street is opening in {town} before Christmas, which can only be a good thing.",
    ]

    static let subjects = [
        "Quiz night", "Re: allotment", "Coach trip details", "Saturday plans", "Minutes from last month",
        "Fundraiser – thank you!", "Book club", "Roof quote", "Re: Re: gazebo", "Newsletter deadline",
        "Walking group", "Aldeburgh in August?",
    ]

    static let greetings = ["Hi {friend},", "Dear {friend},", "Morning {friend}!", "Hello {friend},"]
    static let signOffs = ["Best wishes,\n{friend}", "Love,\n{friend} x", "Thanks,\n{friend}", "Speak soon,\n{friend}"]

    /// Sentences written to breach the policy, by what they breach.
    static let breaches: [(BreachKind, String)] = [
        (.childMention, "{childFirst} was an absolute superstar at circle time today, so proud!"),
        (.childMention, "Funny moment at work: {child} told me my cardigan looked like a sofa 😂"),
        (.childMention, "Little {childFirst} finally said my name today, made my week."),
        (.childMention, "{childFirst} cried all morning after drop-off, poor thing."),
        (.settingName, "Another lovely week at {setting}, I do love my job."),
        (.settingName, "We're recruiting at {setting}! Message me if you're interested."),
        (.settingName, "Long day at {settingShort} but the garden looks amazing now."),
        (.workplaceRemark, "Honestly work is doing my head in, management haven't a clue and we're short-staffed again."),
        (.workplaceRemark, "Rota's a joke this month, third late shift in a row at work and still no cover."),
        (.workplaceRemark, "Can't believe what the manager said to us at the staff meeting today, fuming."),
        (.parentContact, "{childFirst}'s mum was late at pick-up again, third time this week."),
        (.parentContact, "Had {carer} having a go at me at the gate today, not on."),
        (.photo, "Look at the little ones' faces in this photo from messy play this morning!"),
        (.learningJourney, "Spent all evening writing up learning journeys for my key children, send wine."),
        (.safeguarding, "Really worried about one of my key children, more bruises today and dad was off with us at collection."),
    ]

    static let slotValues: [String: [String]] = [
        "day": ["Saturday", "Sunday", "Friday night", "Thursday", "the bank holiday", "Boxing Day"],
        "time": ["10ish", "half two", "eleven", "after lunch"],
        "town": ["Stowmarket", "Needham Market", "Ipswich", "Bury St Edmunds", "Debenham", "Eye", "Framlingham", "Diss", "Woodbridge", "Sudbury"],
        "food": ["scones", "lemon drizzle", "flapjacks", "a Victoria sponge", "shepherd's pie", "lasagne", "sausage rolls", "banana bread"],
        "pet": ["dog", "cat", "puppy", "rabbit", "spaniel"],
        "weather": ["raining", "blowing a gale", "chucking it down", "foggy"],
        "weatherAdj": ["dry", "decent", "grim", "glorious"],
        "show": ["the new series of The Traitors", "Bake Off", "the Strictly final", "that detective drama on ITV"],
        "friend": ["Jo", "Kate", "Sue", "Mel", "Dave", "Pete", "Bev", "Lou", "Gill", "Trish", "Nige", "Shaz"],
    ]
}
