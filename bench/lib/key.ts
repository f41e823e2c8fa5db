/** A made-up API key; the loopback peers accept anything. */
export const API_KEY = "bench-api-key-0000000000000000000000000"
