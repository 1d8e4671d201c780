/// Which directive of the book: the chapter it stands in and the line of its opening fence.
///
/// The key under which the index keeps a directive's number and anchor, the judge keeps a claim's
/// verdict, and the renderer finds both again.
struct DirectiveID: Hashable, Sendable {
    /// The chapter's slug (its file name without `.md`).
    var chapter: String
    /// The chapter line of the opening fence.
    var line: Int
}
