import SafepostModel
@testable import SafepostScanning
import Testing

/// An attachment's filename is screened for children's names and the setting's name.
@Suite("Attachment names")
struct AttachmentNameTests {
    static func findings(
        _ text: String, _ filename: String, type: String = "image/jpeg", author: Author? = Author(role: .staff)
    ) -> [Finding] {
        var request = ScreeningRequest(id: "t", text: text, author: author)
        request.attachments = [Attachment(filename: filename, contentType: type)]
        do { return try DraftScanner(rules: Fixtures.shipped).screen(request, now: Fixtures.now).findings } catch {
            fatalError("scan failed: \(error)")
        }
    }

    static func onAttachment(_ findings: [Finding]) -> Set<Category> {
        Set(findings.filter { $0.field == .attachments }.map(\.category))
    }

    @Test func aChildNamedInTheFilename() {
        let found = Self.findings("Look at this!", "oliver_brown_painting.jpg")
        #expect(Self.onAttachment(found) == [.childMention, .photo])
        #expect(found.allSatisfy { $0.field != .attachments || $0.match == "oliver_brown_painting.jpg" })
        #expect(Self.onAttachment(Self.findings("Report attached", "OliverBrown-report.pdf", type: "application/pdf")) == [.childMention])
    }

    /// A video of the children is as much a picture of them as a photo: by its content type, or
    /// by its extension when the type is missing or empty.
    @Test("a video counts as a photo", arguments: [
        ("rehearsal.mov", ""), ("rehearsal.mp4", "video/mp4"), ("clip", "video/quicktime"), ("rehearsal.MP4", nil),
    ] as [(String, String?)])
    func videos(_ filename: String, _ type: String?) {
        var request = ScreeningRequest(id: "t", text: "Christmas concert dress rehearsal, they've got the moves", author: Author(role: .staff))
        request.attachments = [Attachment(filename: filename, contentType: type)]
        #expect(request.attachments[0].isImage)
        let found = (try? DraftScanner(rules: Fixtures.shipped).screen(request, now: Fixtures.now).findings) ?? []
        #expect(found.contains { $0.category == .photo }, "\(filename) \(String(describing: type)): \(found)")
        #expect(!Attachment(filename: "minutes.pdf", contentType: "").isImage)
    }

    @Test func theSettingNamedInTheFilename() {
        #expect(Self.onAttachment(Self.findings("Our new garden is finished!", "stonham_aspal_garden_2026.jpg")).contains(.settingName))
        // A live marker in the text exempts the name wherever it is.
        #expect(!Self.onAttachment(Self.findings("#StonhamSummerFair2027 photos!", "stonham-aspal-fair.jpg")).contains(.settingName))
    }

    @Test func parentsMayNameTheSettingAndTheirOwnChild() {
        let mum = Author(name: "Sarah Brown", role: .parent)
        #expect(Self.onAttachment(Self.findings("Proud!", "oliver_brown_painting.jpg", author: mum)).isEmpty)
        #expect(Self.onAttachment(Self.findings("Proud!", "stonham_aspal_sports_day.jpg", author: mum)).isEmpty)
        #expect(Self.onAttachment(Self.findings("Proud!", "amelia_thorne.jpg", author: mum)).contains(.childMention))
    }

    @Test("camera and ordinary names name nobody", arguments: [
        "IMG_20261105_160911.jpg", "PXL_20261105_160911123.jpg", "WhatsApp Image 2026-11-05 at 16.09.11.jpeg",
        "DSC01234.JPG", "garden.png", "rose-bush.jpg", "brown_bread.jpg",
    ])
    func cameraNames(_ filename: String) {
        #expect(Self.onAttachment(Self.findings("Look at this!", filename)).subtracting([.photo]).isEmpty, "\(filename)")
    }

    @Test func filenamesAreReadAsWords() {
        #expect(Scan.words(ofFilename: "little_acorns-garden.2026.jpg") == "little acorns garden 2026")
        #expect(Scan.words(ofFilename: "OliverBrown.png") == "Oliver Brown")
        #expect(Scan.words(ofFilename: "C:\\Photos\\stonham_aspal.heic") == "stonham aspal")
        #expect(Scan.words(ofFilename: "notes") == "notes")
    }
}
