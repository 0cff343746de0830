/// The author of a draft as the client states it.
public struct Author: Sendable, Equatable {
    public var name: String?
    public var role: Role?

    public init(name: String? = nil, role: Role? = nil) {
        self.name = name
        self.role = role
    }
}

/// A file sent with a draft; only its name and type are screened, never its content.
public struct Attachment: Sendable, Equatable {
    public var filename: String?
    public var contentType: String?

    public init(filename: String? = nil, contentType: String? = nil) {
        self.filename = filename
        self.contentType = contentType
    }

    /// True for a photo or a video, what the policy's photo clauses are about ("a video of the
    /// nativity" is as much a picture of the children): judged by content type or, failing that
    /// (none, or an empty one as some clients send), by file extension.
    public var isImage: Bool {
        if let type = contentType?.lowercased(), !type.isEmpty {
            return type.hasPrefix("image/") || type.hasPrefix("video/")
        }
        guard let name = filename?.lowercased(), let dot = name.lastIndex(of: ".") else { return false }
        return Self.pictureExtensions.contains(String(name[name.index(after: dot)...]))
    }

    private static let pictureExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "heic", "heif", "webp", "bmp", "tif", "tiff",
        "mp4", "mov", "m4v", "avi", "webm", "3gp", "mkv",
    ]
}

/// A calendar instant as seconds since the Unix epoch; parsing lives in the wire module.
public struct Timestamp: Sendable, Equatable, Comparable {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }
}

/// One draft to screen. Only `id` and `text` are required.
public struct ScreeningRequest: Sendable, Equatable {
    public var id: String
    public var text: String
    public var subject: String?
    public var author: Author?
    public var attachments: [Attachment]
    public var sentAt: Timestamp?
    public var channel: String?

    public init(
        id: String, text: String, subject: String? = nil, author: Author? = nil,
        attachments: [Attachment] = [], sentAt: Timestamp? = nil, channel: String? = nil
    ) {
        self.id = id
        self.text = text
        self.subject = subject
        self.author = author
        self.attachments = attachments
        self.sentAt = sentAt
        self.channel = channel
    }
}
