import Foundation

@testable import QunTUI

/// A test case that feeds keys to `reduce` and keeps the state between them.
protocol ReducerDriver: AnyObject {
    var state: AppState { get set }
}

extension ReducerDriver {
    /// Presses each key in turn; returns every effect the reducer asked for.
    @discardableResult
    func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += reduce(&state, .key(key)) }
        return effects
    }

    func type(_ text: String) { for c in text { press(.character(c)) } }
}
