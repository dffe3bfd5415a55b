export type MessageTree = { [key: string]: string | MessageTree };

/** The parts of `messages` at the given dotted paths ("home", "auth.haveAccount"), nested as they were. */
export function pickMessages(messages: MessageTree, paths: readonly string[]): MessageTree {
  const picked: MessageTree = {};
  for (const path of paths) copyPath(messages, picked, path.split("."));
  return picked;
}

function copyPath(from: MessageTree, to: MessageTree, [key, ...rest]: string[]) {
  if (key === undefined || !(key in from)) return;
  const value = from[key] as string | MessageTree;
  if (rest.length === 0 || typeof value === "string") {
    to[key] = value;
    return;
  }
  if (typeof to[key] !== "object") to[key] = {};
  copyPath(value, to[key] as MessageTree, rest);
}
