/**
 * The request journal: what the emulator received and how it answered, for tests to assert on.
 *
 * @since 0.1.0
 */

/**
 * Audio facts the emulator found in a request body (container parsing, or the `encoding` / `sample_rate` /
 * `channels` query parameters for raw audio).
 *
 * @since 0.1.0
 * @category models
 */
export interface AudioInfo {
  /** SHA-256 of the audio bytes, lower-case hex. */
  readonly sha256: string
  /** Size of the audio in bytes. */
  readonly size: number
  /** Container name as reported by the parser (`WAVE`, `MPEG`, `FLAC`, `Ogg`, ...), or `raw`. */
  readonly container: string | undefined
  /** Codec name as reported by the parser (`PCM`, `Opus`, ...). */
  readonly codec: string | undefined
  /** Duration in seconds (0 when it could not be determined). */
  readonly duration: number
  /** Number of audio channels (1 when it could not be determined). */
  readonly channels: number
  /** Sample rate in Hz, when known. */
  readonly sampleRate: number | undefined
  /** Bits per sample, when known. */
  readonly bitsPerSample: number | undefined
  /** Whether the container could be parsed. */
  readonly parsed: boolean
}

/**
 * The authentication scheme a request used: `token` (`Authorization: Token <key>`), `bearer`
 * (`Authorization: Bearer <jwt>`), `none`, or `other` for anything else.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthScheme = "token" | "bearer" | "none" | "other"

/**
 * What happened on an accepted WebSocket connection (recorded when the connection has ended).
 *
 * @since 0.1.0
 * @category models
 */
export interface SocketInfo {
  /** The subprotocol echoed in the upgrade answer (`token`, `bearer`, ...), if the client offered any. */
  readonly protocol: string | undefined
  /** Bytes of audio received (binary frames). */
  readonly audioBytes: number
  /** Binary frames received. */
  readonly audioFrames: number
  /** Text frames (control messages) received. */
  readonly messagesReceived: number
  /** JSON messages sent (an injected malformed frame is not counted). */
  readonly messagesSent: number
  /**
   * The close code the client saw: the code the server closed with, `1005` when it closed without a status code,
   * `1006` when the connection was dropped, or the client's own code when the client closed first.
   */
  readonly closeCode: number
  readonly closeReason: string
  /** Which side closed the connection first. */
  readonly closedBy: "server" | "client"
}

/**
 * One request as the emulator saw it. Credentials never appear: the `authorization` header is reduced to
 * its scheme (`Token`, `Bearer`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  /** Sequence number, starting at 1 for each emulator. */
  readonly seq: number
  /** The `request_id` the emulator answered with (also the `dg-request-id` header). */
  readonly requestId: string
  /** When the request arrived. */
  readonly timestamp: Date
  readonly method: string
  /** Path without the query string. */
  readonly path: string
  /** Query parameters, each name with all its values in order. */
  readonly query: Readonly<Record<string, ReadonlyArray<string>>>
  /** Request headers, lower-cased names, repeated headers joined with `, `, credentials redacted. */
  readonly headers: Readonly<Record<string, string>>
  readonly authScheme: AuthScheme
  /** Whether the request passed authentication. */
  readonly authenticated: boolean
  /** Bytes in the request body (on a WebSocket connection: bytes of audio received). */
  readonly bodySize: number
  /**
   * SHA-256 of the request body (lower-case hex), `undefined` when the body was not read (on a WebSocket
   * connection: of the audio received).
   */
  readonly sha256: string | undefined
  /**
   * The audio that was transcribed (the uploaded body, the fetched URL or the audio streamed on a WebSocket),
   * when there was one.
   */
  readonly audio: AudioInfo | undefined
  /** The injected fault that this request consumed, by tag. */
  readonly fault: string | undefined
  /** The status answered (`101` for an accepted WebSocket upgrade), `undefined` when the connection was dropped. */
  readonly status: number | undefined
  /** Milliseconds between the request's arrival and the answer (on a WebSocket: the end of the connection). */
  readonly durationMillis: number
  /** Characters of text processed (`/v1/read`, and text-to-speech when its endpoint reports them). */
  readonly characters?: number | undefined
  /**
   * For an accepted WebSocket upgrade: what happened on the connection. Such an entry is recorded when the
   * connection ends.
   */
  readonly socket?: SocketInfo | undefined
  /**
   * The id of the API key that made the request, as the management API reports it (`api_key_id`): the key of
   * `Authorization: Token`, or the key an access token (`Bearer`) was granted to; `undefined` otherwise.
   */
  readonly accessor?: string | undefined
}
