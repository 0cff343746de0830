import SafepostModel

extension Scan {
    /// True when a live approved marker appears in the draft (matched on the normalised text).
    func markerIsLive(_ request: ScreeningRequest, now: Timestamp) -> Bool {
        let when = request.sentAt ?? now
        let zone = rules.policy.workingHours?.zone ?? .utc
        let today = zone.localDate(when)
        for (i, marker) in rules.markers.enumerated() where today <= marker.expires {
            if contains(rules.markerForms[i]) { return true }
        }
        return false
    }

    private func contains(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= text.count else { return false }
        let hay = text.bytes
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<i + needle.count].elementsEqual(needle) {
                let before = i == 0 || !isWordByte(hay[i - 1]) || !isWordByte(first)
                let after = i + needle.count == hay.count || !isWordByte(hay[i + needle.count]) || !isWordByte(needle[needle.count - 1])
                if before && after { return true }
            }
            i += 1
        }
        return false
    }
}
