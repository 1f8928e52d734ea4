import SwiftSyntax

/// Finds the `scenario(...)` and `processScenario(...)` calls in a check file, so the checker
/// knows how many scenarios a complete run must report. A call names the function bare (not
/// `x.scenario`), as ParLearnKit declares it; calls inside comments and strings are not code.
public enum ScenarioScanner {
    public struct Declaration: Sendable, Equatable {
        /// The name when the first argument is a plain string literal, e.g. `scenario("lost update")`.
        public var name: String?
        public var line: Int
        /// Inside `#if`: compiled only under some build settings, so a run may not have it.
        public var conditional: Bool
    }

    public static func declarations(in source: String) -> [Declaration] {
        let file = SwiftSource(source)
        let finder = Finder(file: file)
        finder.walk(file.tree)
        return finder.found
    }

    private final class Finder: SyntaxVisitor {
        let file: SwiftSource
        var found: [Declaration] = []

        init(file: SwiftSource) {
            self.file = file
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ call: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
            if let callee = call.calledExpression.as(DeclReferenceExprSyntax.self),
               ["scenario", "processScenario"].contains(callee.baseName.text) {
                let position = callee.baseName.positionAfterSkippingLeadingTrivia
                found.append(Declaration(name: call.arguments.first.flatMap { plainString($0.expression) },
                                         line: file.location(of: position).line,
                                         conditional: call.ancestorOrSelf { $0.as(IfConfigClauseSyntax.self) } != nil))
            }
            return .visitChildren
        }

        /// The value of a one-line literal without interpolation, e.g. `"lost update"`.
        private func plainString(_ expression: ExprSyntax) -> String? {
            guard let literal = expression.as(StringLiteralExprSyntax.self),
                  literal.openingQuote.tokenKind == .stringQuote else { return nil }
            return literal.representedLiteralValue
        }
    }
}
