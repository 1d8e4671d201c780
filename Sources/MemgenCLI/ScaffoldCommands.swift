import ArgumentParser
import Book
import Foundation

/// `memgen-book init DIR`: start a new book.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new book in DIR: Chapters/book.yml and a first chapter that builds as it is.")

    @Argument(help: "The folder of the new book (created if needed).")
    var directory: String

    @Option(help: "The book's title (default: the folder's name).")
    var title: String?

    func run() throws {
        let root = URL(fileURLWithPath: directory)
        do {
            for url in try BookScaffold.initBook(at: root, title: title) { print("wrote \(url.path)") }
        } catch { throw ValidationError("\(error)") }
        print("next: cd \(directory) && memgen-book build   (or: memgen-book serve --open)")
    }
}

/// `memgen-book new NAME`: add a chapter.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new chapter from the template and add it to book.yml.",
        discussion: "NAME like 'pruning' becomes Chapters/NN-pruning.md, NN one more than the highest chapter number; '17-pruning' keeps its number.")

    @Argument(help: "The chapter's name (letters, digits and '-').")
    var name: String

    @Option(name: .long, help: "Folder of the chapters and book.yml.")
    var chapters = "Chapters"

    func run() throws {
        let file: URL
        do { file = try BookScaffold.newChapter(name, in: URL(fileURLWithPath: chapters)) } catch { throw ValidationError("\(error)") }
        print("wrote \(file.path) (and added it to \(chapters)/book.yml)")
        print("next: memgen-book build \(file.lastPathComponent)")
    }
}

/// `memgen-book cache gc`: remove cached runs no chapter uses.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Manage the result cache.",
        subcommands: [CacheGCCommand.self])
}

struct CacheGCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove cached runs that no experiment of the book plans any more (full or quick profile).")

    @OptionGroup var paths: BookPaths

    func run() throws {
        try finish(BookBuilder(options: paths.options()).collectGarbage())
    }
}
