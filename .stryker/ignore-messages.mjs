// A Stryker ignorer: the text of error and log messages is left unmutated.
//
// A mutant that empties "the handshake did not complete within 10 ms" survives
// unless a test pins every word of every message, and such tests would only
// freeze wording. What a caller can branch on is still mutated: error tags,
// `reason` values, status and close codes, header names, URLs, parameter
// names and the messages' data (durations, codes, URLs inside templates are
// expressions, not literals: only the surrounding prose is skipped).
//
// Ignored: string and template literals that are (or are the branches of a
// conditional / `??` / `||` that is) the value of a `detail`, `message`,
// `issue`, `description` or `hint` property, the argument of a helper that
// builds an error from prose (`...Error(detail)`, `fail*(detail)`,
// `dieMessage`, `Effect.log*`, `console.*`), or the second argument of a
// `socketError(reason, detail)`; and the whole body of a `get message()`
// (the error classes' formatting: joins, plurals, optional parentheses).
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin"

const MESSAGE_KEYS = new Set(["detail", "message", "issue", "description", "hint"])
const MESSAGE_CALLEES = /^(?:[a-z]\w*Error|fail\w*|dieMessage|log\w*|warn|error|info|debug)$/

const isText = (path) => path.isStringLiteral() || path.isTemplateLiteral()

const keyName = (node) =>
  node.key?.type === "Identifier" ? node.key.name : node.key?.type === "StringLiteral" ? node.key.value : undefined

const calleeName = (callee) =>
  callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && callee.property.type === "Identifier"
    ? callee.property.name
    : undefined

const reason = (path) => {
  // The body of a `message` getter (an error class's text: "1 attempt" / "N attempts", the close reason in
  // parentheses) is formatting through and through; Stryker ignores the node and everything in it.
  if ((path.isClassMethod() || path.isObjectMethod()) && path.node.kind === "get" && keyName(path.node) === "message") {
    return "the body of a `message` getter (see .stryker/ignore-messages.mjs)"
  }
  if (!isText(path)) return undefined
  // Climb through the expressions that merely choose between texts.
  let child = path
  let parent = path.parentPath
  while (
    parent !== null && (
      parent.isConditionalExpression() && child.key !== "test" ||
      parent.isLogicalExpression() && child.key === "right" ||
      parent.isBinaryExpression({ operator: "+" }) ||
      parent.isTemplateLiteral()
    )
  ) {
    child = parent
    parent = parent.parentPath
  }
  if (parent === null) return undefined
  if (parent.isObjectProperty() && child.key === "value" && MESSAGE_KEYS.has(keyName(parent.node))) {
    return "the text of a message (see .stryker/ignore-messages.mjs)"
  }
  if ((parent.isCallExpression() || parent.isNewExpression()) && child.listKey === "arguments") {
    const name = calleeName(parent.node.callee)
    if (name === undefined) return undefined
    if (name === "socketError") return child.key === 1 ? "the text of a socket error" : undefined
    if (name === "Error" || name === "TypeError" || MESSAGE_CALLEES.test(name)) {
      return "the text of a message (see .stryker/ignore-messages.mjs)"
    }
  }
  return undefined
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, "message-text", { shouldIgnore: reason })]
