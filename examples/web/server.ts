/**
 * `npm run demo:web [-- --port 8080]`: serves the browser demo (examples/web)
 * on 127.0.0.1 and prints its URL.
 *
 * The page's code is bundled with esbuild in memory when the server starts.
 * The API key never leaves this process: the page asks `POST /token` for a
 * short-lived access token, minted here with `POST /v1/auth/grant`, and uses
 * it with `BrowserDeepgram.layer({ baseUrl, accessToken })`.
 *
 * With `DEEPGRAM_API_KEY` set the page talks to Deepgram; without it the
 * bundled emulator runs in-process (keys auth, CORS on), and live microphone
 * audio, which can match no registered recording, gets the spacewalk
 * transcript as a script.
 */
import { AuthV1 } from "@effect-deepgram/schema"
import { DeepgramEmulator } from "@effect-deepgram/emulator"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { Config, Console, Context, Data, Effect, Layer, Option, Redacted } from "effect"
import type { Scope } from "effect"
import * as esbuild from "esbuild"
import { randomBytes } from "node:crypto"
import { readFile } from "node:fs/promises"
import * as Http from "node:http"
import { fileURLToPath, pathToFileURL } from "node:url"

const here = fileURLToPath(new URL(".", import.meta.url))
const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url))

/** Lifetime asked for each access token: enough to open a socket or send an upload. */
const TOKEN_TTL_SECONDS = 60

/** Options of `make`. */
export interface Options {
  /** Port to listen on (default 0: a free port). */
  readonly port?: number | undefined
  /** A Deepgram API key: the page then talks to Deepgram. Without one, to an in-process emulator. */
  readonly apiKey?: Redacted.Redacted | undefined
  /** Deepgram's base URL, when `apiKey` is set (default `https://api.deepgram.com`). */
  readonly deepgramUrl?: string | undefined
}

/** Where the page's Deepgram requests go. */
export type Target =
  | { readonly _tag: "Deepgram"; readonly baseUrl: string }
  | { readonly _tag: "Emulator"; readonly baseUrl: string; readonly emulator: DeepgramEmulator.DeepgramEmulator }

/** A running demo server. */
export interface DemoServer {
  /** The page's URL, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string
  readonly target: Target
}

/** The demo could not start. */
export class DemoServerError extends Data.TaggedError("DemoServerError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** The page's code and its source map, bundled in memory. */
const bundle = Effect.tryPromise({
  try: () =>
    esbuild.build({
      entryPoints: { app: `${here}main.ts` },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      sourcemap: "linked",
      outdir: here,
      write: false,
      logLevel: "silent"
    }),
  catch: (cause) => new DemoServerError({ message: `cannot bundle the page: ${String(cause)}`, cause })
}).pipe(
  Effect.map((result) => new Map(result.outputFiles.map((file) => [file.path.slice(here.length), file.text])))
)

const readText = (path: string) =>
  Effect.tryPromise({
    try: () => readFile(path, "utf8"),
    catch: (cause) => new DemoServerError({ message: `cannot read ${path}`, cause })
  })

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

class GrantError extends Data.TaggedError("GrantError")<{ readonly message: string }> {}

/** `POST /v1/auth/grant` with the API key: a short-lived access token. */
const grant = (client: HttpClient.HttpClient, baseUrl: string, apiKey: Redacted.Redacted) =>
  Effect.gen(function*() {
    const response = yield* client.execute(
      HttpClientRequest.post(`${baseUrl}/v1/auth/grant`).pipe(
        HttpClientRequest.setHeader("authorization", `Token ${Redacted.value(apiKey)}`),
        HttpClientRequest.bodyUnsafeJson({ ttl_seconds: TOKEN_TTL_SECONDS })
      )
    )
    if (response.status >= 200 && response.status < 300) {
      return yield* HttpClientResponse.schemaBodyJson(AuthV1.GrantResponse)(response)
    }
    const body = yield* Effect.orElseSucceed(response.text, () => "")
    return yield* new GrantError({ message: `${baseUrl}/v1/auth/grant answered ${response.status}: ${body.slice(0, 200)}` })
  }).pipe(
    Effect.timeout("10 seconds"),
    Effect.catchAll((error) =>
      Effect.fail(error._tag === "GrantError" ? error : new GrantError({ message: `cannot mint a token: ${error.message}` }))
    )
  )

/** A fresh key for the in-process emulator, known only to this process. */
const serverKey = Redacted.make(`demo-${randomBytes(24).toString("hex")}`)

/**
 * Starts the demo in the current scope: the emulator (without an API key),
 * the bundle, and the HTTP server on 127.0.0.1.
 */
export const make = (options: Options = {}): Effect.Effect<DemoServer, DemoServerError, Scope.Scope> =>
  Effect.gen(function*() {
    const target: Target = options.apiKey !== undefined
      ? { _tag: "Deepgram", baseUrl: (options.deepgramUrl ?? "https://api.deepgram.com").replace(/\/+$/, "") }
      : yield* Effect.gen(function*() {
        const liveTranscript = (yield* readText(`${fixtures}spacewalk.txt`)).trim()
        const emulator = yield* DeepgramEmulator.make({
          transcriptsDir: fixtures,
          auth: "keys",
          apiKeys: [serverKey],
          cors: true,
          liveTranscript
        }).pipe(Effect.mapError((cause) => new DemoServerError({ message: `cannot start the emulator: ${cause.message}`, cause })))
        return { _tag: "Emulator" as const, baseUrl: emulator.url, emulator }
      })
    const apiKey = options.apiKey ?? serverKey

    const [files, page, css] = yield* Effect.all([bundle, readText(`${here}index.html`), readText(`${here}style.css`)])
    const endpoint = target._tag === "Deepgram"
      ? `Deepgram (${target.baseUrl})`
      : `the bundled emulator (${target.baseUrl}), which answers live audio with a scripted transcript`
    const html = page.replace("%ENDPOINT%", escapeHtml(endpoint))
    const client = yield* Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer)

    const nodeServer = Http.createServer()
    const server = yield* NodeHttpServer.make(() => nodeServer, { port: options.port ?? 0, host: "127.0.0.1" }).pipe(
      Effect.mapError((cause) => new DemoServerError({ message: `cannot listen on port ${options.port ?? 0}`, cause }))
    )
    // Browsers keep connections open: close them so that shutdown does not wait for them.
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    const port = server.address._tag === "TcpAddress" ? server.address.port : 0
    const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

    const asset = (body: string | undefined, contentType: string) =>
      body === undefined
        ? HttpServerResponse.empty({ status: 404 })
        : HttpServerResponse.text(body, { contentType, headers: { "x-content-type-options": "nosniff" } })

    const token = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      // Only this page may ask (another site's page could otherwise spend the key).
      const origin = request.headers["origin"]
      if (origin !== undefined && !origins.has(origin)) {
        return yield* HttpServerResponse.json({ err_msg: "cross-origin token requests are refused" }, { status: 403 })
      }
      return yield* grant(client, target.baseUrl, apiKey).pipe(
        Effect.flatMap((granted) =>
          HttpServerResponse.json(
            { access_token: granted.access_token, expires_in: granted.expires_in, base_url: target.baseUrl },
            { headers: { "cache-control": "no-store" } }
          )
        ),
        Effect.catchTag("GrantError", (error) =>
          Effect.zipRight(
            Console.error(`POST /token: ${error.message}`),
            HttpServerResponse.json({ err_msg: error.message }, { status: 502 })
          ))
      )
    })

    const router = HttpRouter.empty.pipe(
      HttpRouter.get("/", Effect.succeed(asset(html, "text/html; charset=utf-8"))),
      HttpRouter.get("/style.css", Effect.succeed(asset(css, "text/css; charset=utf-8"))),
      HttpRouter.get("/app.js", Effect.succeed(asset(files.get("app.js"), "text/javascript; charset=utf-8"))),
      HttpRouter.get("/app.js.map", Effect.succeed(asset(files.get("app.js.map"), "application/json"))),
      HttpRouter.post("/token", token),
      HttpRouter.get("/config", HttpServerResponse.json({ base_url: target.baseUrl }))
    )
    yield* HttpServer.serveEffect(router).pipe(Effect.provideService(HttpServer.HttpServer, server))
    return { url: `http://127.0.0.1:${port}/`, target }
  })

/** The running demo server, for tests. */
export class Demo extends Context.Tag("examples/web/Demo")<Demo, DemoServer>() {}

/** `make` as a layer. */
export const layer = (options?: Options): Layer.Layer<Demo, DemoServerError> => Layer.scoped(Demo, make(options))

const portArgument = (argv: ReadonlyArray<string>): number => {
  const index = argv.findIndex((arg) => arg === "--port" || arg.startsWith("--port="))
  if (index === -1) return 0
  const value = argv[index]!.includes("=") ? argv[index]!.split("=")[1] : argv[index + 1]
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port expects a number between 0 and 65535, got ${value}`)
  }
  return port
}

const main = Effect.gen(function*() {
  const port = yield* Effect.try({
    try: () => portArgument(process.argv.slice(2)),
    catch: (cause) => new DemoServerError({ message: cause instanceof Error ? cause.message : String(cause) })
  })
  const apiKey = yield* Effect.orDie(Config.option(Config.redacted("DEEPGRAM_API_KEY")))
  const demo = yield* make({ port, apiKey: Option.getOrUndefined(apiKey) })
  yield* Console.log(
    demo.target._tag === "Deepgram"
      ? `Using Deepgram (${demo.target.baseUrl}); the API key stays on this server.\n`
      : `No DEEPGRAM_API_KEY set: using the bundled emulator at ${demo.target.baseUrl}.\n`
  )
  yield* Console.log(`Open ${demo.url}  (Ctrl-C to stop)`)
  return yield* Effect.never
}).pipe(
  Effect.scoped,
  Effect.catchTag("DemoServerError", (error) =>
    Effect.zipRight(Console.error(`Failed: ${error.message}`), Effect.sync(() => (process.exitCode = 1))))
)

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(main)
}
