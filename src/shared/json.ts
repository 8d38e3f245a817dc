/** JSON data, as settings are kept: the deck's options and front matter are data, never code. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
