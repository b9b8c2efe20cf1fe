// The agent bundle's stand-in for `server-only` (scripts/build-agent.mjs): the agent runs in Node, never a browser.
export {};
