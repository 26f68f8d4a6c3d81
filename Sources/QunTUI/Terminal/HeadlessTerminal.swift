/// A terminal in memory: keys come from a script, frames are kept for inspection. For tests and benchmarks.
public final class HeadlessTerminal: Terminal {
    public private(set) var size: (width: Int, height: Int)
    public private(set) var lastFrame: Screen?
    public private(set) var framesDrawn = 0
    public private(set) var theme: Theme?
    private var keys: [Key]

    public init(width: Int, height: Int, keys: [Key] = []) {
        size = (width, height)
        self.keys = keys
    }

    public func enqueue(_ more: [Key]) { keys += more }

    public func resize(width: Int, height: Int) {
        size = (width, height)
        keys.insert(.resize, at: 0)
    }

    public func draw(_ screen: Screen) {
        lastFrame = screen
        framesDrawn += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        keys.isEmpty ? nil : keys.removeFirst()
    }

    public var hasPendingKeys: Bool { !keys.isEmpty }

    public func setTheme(_ theme: Theme) { self.theme = theme }

    public func shutdown() {}
}
