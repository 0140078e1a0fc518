// Placeholder until the core lands in this session.
export const VERSION = '0.1.0';
