// The plugin exposes commands, not a library API.
export default {};
