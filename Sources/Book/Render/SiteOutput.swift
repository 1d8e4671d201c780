import Foundation

/// What drawing the site produces: files by path relative to the output folder, and the problems
/// found on the way. The renderers add to it; the book they draw from stays as it was.
final class SiteOutput {
    var files: [String: Data] = [:]
    var diagnostics: [Diagnostic] = []

    /// Records a problem at a directive or in the prose.
    func report(_ d: Diagnostic) { diagnostics.append(d) }
}
