// The scope of mutation testing: the code that carries the SDK's contracts, named by file and, where only part
// of a file is a contract, by the declarations that hold it. Read by stryker.config.mjs (`mutate`) and by
// .stryker/summary.mjs (which counts only the mutants inside these ranges).
//
// Names, not line numbers: a range is computed from the file as it is now (the TypeScript parser finds the
// declaration and its first and last line), so it follows the code when the file changes. A name that is no
// longer found, or found more than once, stops the run with a message saying which; rename it here with the code.
// A name is a `const`/`let`, function, class, method or object property; `outer.inner` finds `inner` inside
// `outer` (e.g. `make.execute`, the retry loop inside http.ts's `make`).
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"

const ts = createRequire(import.meta.url)("typescript")
const root = fileURLToPath(new URL("..", import.meta.url))

/**
 * `file`: relative to the repository; `names`: the declarations that are contracts (absent: the whole file);
 * `contract`: what they promise (the tables of bench/results/mutation.md).
 */
export const contracts = [
  // core
  { file: "packages/core/src/Credentials.ts", contract: "credential handling" },
  {
    file: "packages/core/src/DeepgramConfig.ts",
    names: ["parseUrl", "requireCredentials", "credentialsOf", "optionalString", "fromEnvironment", "merge"],
    later: ["deploymentOf", "endpointsOf", "endpointsFromBase"],
    contract: "configuration: URL validation, required credentials, credential precedence, environment"
  },
  {
    file: "packages/core/src/TokenProvider.ts",
    names: ["make", "layerEndpoint", "fetchGrant"],
    contract: "token provider: caching, shared refresh, failure then recovery, invalidate, the endpoint"
  },
  { file: "packages/core/src/Retry.ts", contract: "retry caps, Retry-After, jitter" },
  { file: "packages/core/src/DeepgramError.ts", names: ["isRetryable"], contract: "which errors retry" },
  { file: "packages/core/src/internal/query.ts", contract: "query encoding" },
  {
    file: "packages/core/src/internal/http.ts",
    names: [
      "lowerCaseKeys",
      "hasHeader",
      "make.provided",
      "make.baseHeaders",
      "make.prepare",
      "make.transportError",
      "notReplayable",
      "excerpt",
      "isJsonText",
      "decodeBody"
    ],
    later: ["make.execute", "parseJson", "make.request", "make.requestBytes", "make.requestStream"],
    contract: "HTTP: headers and their precedence, the credential, transport errors, one-shot bodies, answer decoding"
  },
  { file: "packages/core/src/internal/timeout.ts", contract: "the per-request timer" },
  {
    file: "packages/core/src/internal/channel.ts",
    names: ["classify", "endOf"],
    contract: "close codes: a clean end or an error"
  },
  // runtimes
  { file: "packages/browser/src/BrowserDeepgram.ts", contract: "browser key guard, token endpoint" },
  {
    file: "packages/node/src/NodeDialer.ts",
    names: ["header", "headersOf", "make"],
    contract: "Node dialer: handshake headers, handshake failures"
  },
  {
    file: "packages/node/src/internal/undiciClient.ts",
    names: ["multipart", "send", "targetOf", "make"],
    contract: "Node HTTP client: the request target, body kinds, abort on interruption, the traced route"
  },
  {
    file: "packages/node/src/internal/fileBody.ts",
    names: ["writeFile"],
    contract: "Node file uploads: one buffer, backpressure, progress, a file that changed"
  },
  {
    file: "packages/node/src/internal/httpClient.ts",
    names: ["sendFile", "make"],
    contract: "Node file uploads: the route to node:http, an early answer, undici loaded on first use"
  },
  // schema
  {
    file: "packages/schema/src/internal/messages.ts",
    names: ["makeDecodeText"],
    later: ["isRawMessage", "unknownMessage"],
    contract: "server message decoding: decode errors, Invalid, Unknown"
  },
  {
    file: "packages/schema/src/internal/fastDecode.ts",
    names: ["compileMessageUnion.decode"],
    contract: "the fast path's dispatch on `type`"
  },
  {
    file: "packages/schema/src/ResponseDecoder.ts",
    names: ["make"],
    contract: "REST answers: the fast validator or the lenient schema decode"
  },
  {
    file: "packages/schema/src/internal/codec.ts",
    names: [],
    later: ["AnyValue", "WithAnyKey"],
    contract: "codec helpers"
  },
  // emulator
  {
    file: "packages/emulator/src/internal/auth.ts",
    names: ["fromAuthorization", "makeAuthenticator.check"],
    later: [
      "fromSubprotocols",
      "redactAuthorization",
      "redactSubprotocols",
      "makeAuthenticator.claimsOf",
      "makeAuthenticator.minted",
      "makeAuthenticator.knownKey"
    ],
    contract: "emulator auth: which credential is accepted"
  },
  { file: "packages/emulator/src/internal/socket.ts", names: ["closeNow"], contract: "emulator close codes" },
  {
    file: "packages/emulator/src/internal/session.ts",
    names: ["serveFrames"],
    later: ["nextFrame"],
    contract: "emulator live timeout"
  },
  { file: "packages/emulator/src/internal/emulator.ts", names: ["liveTimeout"], contract: "emulator live timeout default" }
]

/**
 * Whether the run covers the whole scope (`later` too): `npm run mutate -- --all` sets STRYKER_SCOPE=all. By
 * default a run covers the timed scope (`names`), sized to fit in about 30 minutes on this machine
 * (bench/results/mutation.md).
 */
export const all = () => process.env["STRYKER_SCOPE"] === "all"

/** The names of an entry in this run's scope (undefined: the whole file). */
export const namesOf = (entry) =>
  entry.names === undefined ? undefined : all() ? [...entry.names, ...(entry.later ?? [])] : entry.names

const hasName = (node) =>
  node.name !== undefined && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined

// Declarations first; an object property (`classify: (event, clean) => …`) only where no declaration has the name.
const declarationName = (node) =>
  ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) ||
    ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node)
    ? hasName(node)
    : undefined
const propertyName = (node) => ts.isPropertyAssignment(node) ? hasName(node) : undefined

// The declarations called `name` below `node` (not below another match), the least nested ones: `make.request` is
// the `request` of `make` itself, not a `let request` inside one of its inner functions.
const findBy = (nameOf) => (node, name) => {
  const found = []
  const visit = (depth) => (child) => {
    if (nameOf(child) === name) found.push({ child, depth })
    else ts.forEachChild(child, visit(declarationName(child) === undefined ? depth : depth + 1))
  }
  ts.forEachChild(node, visit(0))
  const least = Math.min(...found.map(({ depth }) => depth))
  return found.filter(({ depth }) => depth === least).map(({ child }) => child)
}
const findDeclarations = findBy(declarationName)
const findProperties = findBy(propertyName)
const find = (node, name) => {
  const declarations = findDeclarations(node, name)
  return declarations.length > 0 ? declarations : findProperties(node, name)
}

/** The 1-based, inclusive line range of each name in `source` (the text of `file`). */
export const rangesOf = (file, names, source, onMissing) => {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true)
  return names.flatMap((name) => {
    let nodes = [sourceFile]
    for (const part of name.split(".")) nodes = nodes.flatMap((node) => find(node, part))
    if (nodes.length !== 1 && onMissing !== undefined) {
      onMissing(name, nodes.length)
      return []
    }
    if (nodes.length !== 1) {
      throw new Error(
        `mutation scope (.stryker/scope.mjs): ${file} has ${nodes.length === 0 ? "no" : nodes.length} declaration(s) ` +
          `named ${JSON.stringify(name)}; expected exactly one (rename or qualify it as outer.inner)`
      )
    }
    let node = nodes[0]
    // `const x = …` (alone in its statement): from `export const`, so the range holds the whole statement.
    if (ts.isVariableDeclaration(node) && node.parent.declarations.length === 1) node = node.parent.parent
    const line = (pos) => sourceFile.getLineAndCharacterOfPosition(pos).line + 1
    return [{ name, from: line(node.getStart(sourceFile)), to: line(node.getEnd()) }]
  })
}

/** Stryker's `mutate` patterns: a whole file, or `file:from-to` per named declaration. */
export const mutatePatterns = () =>
  contracts.flatMap((entry) => {
    const names = namesOf(entry)
    return names === undefined
      ? [entry.file]
      : rangesOf(entry.file, names, readFileSync(`${root}${entry.file}`, "utf8")).map(({ from, to }) =>
        `${entry.file}:${from}-${to}`
      )
  })

/**
 * Whether a mutant (Stryker's 1-based `location`) lies inside a contract of `file`, whose text (as mutated) is
 * `source`; returns the contract entry or undefined. A name that the report's (older) text does not have is
 * reported to `onMissing` and covers nothing.
 */
export const scopeOf = (file, source, onMissing) => {
  const entry = contracts.find((contract) => contract.file === file)
  if (entry === undefined) return () => undefined
  const names = namesOf(entry)
  if (names === undefined) return () => entry
  const ranges = rangesOf(file, names, source, onMissing)
  return (location) =>
    ranges.some(({ from, to }) => location.start.line >= from && location.end.line <= to) ? entry : undefined
}
