import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** How an argument is used in a message: plain text, a number (plural, number), or a select key. */
export type ArgumentKind = 'text' | 'number' | 'select';

/**
 * The arguments one ICU MessageFormat message uses, with how each is used, found by walking
 * the parsed message (nested plural/select branches included). Tags are not recognised
 * (`ignoreTag`), because our messages are plain text and `<` is just a character.
 * Throws the parser's SyntaxError for a message that is not valid ICU MessageFormat.
 */
export function messageArguments(message: string): Map<string, ArgumentKind> {
  const found = new Map<string, ArgumentKind>();
  walk(parse(message, { ignoreTag: true }), found);
  return found;
}

function walk(elements: readonly MessageFormatElement[], found: Map<string, ArgumentKind>): void {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        if (!found.has(element.value)) found.set(element.value, 'text');
        break;
      case TYPE.number:
      case TYPE.plural:
        found.set(element.value, 'number');
        if (element.type === TYPE.plural) for (const option of Object.values(element.options)) walk(option.value, found);
        break;
      case TYPE.date:
      case TYPE.time:
        found.set(element.value, 'number');
        break;
      case TYPE.select:
        found.set(element.value, 'select');
        for (const option of Object.values(element.options)) walk(option.value, found);
        break;
      case TYPE.tag:
        walk(element.children, found);
        break;
      default:
        break;
    }
  }
}
