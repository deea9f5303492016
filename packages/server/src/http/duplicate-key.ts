/**
 * Finds a key that appears twice in one JSON object. `JSON.parse` keeps the last one silently, while another
 * parser (a proxy, a log pipeline) may keep the first: the same body would then mean two things, so a body with a
 * duplicate key is refused (fault case 59). Runs over text that `JSON.parse` already accepted.
 */
import { formatPath } from '@touchpoint/core';

interface Frame {
  readonly object: boolean;
  readonly keys: Set<string>;
  /** The key or index of the value being read in this container. */
  at: string | number;
}

/** The path of the first duplicate key, e.g. `events[0].answers[0].value`, or undefined when there is none. */
export function findDuplicateKey(json: string): string | undefined {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (expectKey && frame !== undefined) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (frame.keys.has(key)) {
          return formatPath([...stack.slice(0, -1).map((f) => f.at), key]);
        }
        frame.keys.add(key);
        frame.at = key;
        expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      stack.push({ object: char === '{', keys: new Set(), at: 0 });
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      const frame = stack[stack.length - 1];
      if (frame?.object) expectKey = true;
      else if (frame !== undefined) frame.at = (frame.at as number) + 1;
    }
  }
  return undefined;
}
