/** A bad command line: the message says which option and what it takes. */
export class OptionError extends Error {}
