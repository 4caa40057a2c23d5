import type { ASTNode, DocumentNode } from 'graphql';
import { visit } from 'graphql';

/** A directive written more than once on one node, and how often. */
export interface RepeatedDirective {
  name: string;
  count: number;
}

/**
 * The most-repeated directive on any one node of the document, or null when none repeats. The
 * graph declares no repeatable executable directive, so a repeat is always a mistake or an attack
 * ("directive overloading": every copy would otherwise cost one validation error in the answer).
 * Syntax only, so it runs before validation.
 */
export function mostRepeatedDirective(document: DocumentNode): RepeatedDirective | null {
  let worst: RepeatedDirective | null = null;
  visit(document, {
    enter(node: ASTNode) {
      if (!('directives' in node) || !node.directives || node.directives.length < 2) return;
      const counts = new Map<string, number>();
      for (const directive of node.directives) counts.set(directive.name.value, (counts.get(directive.name.value) ?? 0) + 1);
      for (const [name, count] of counts) if (count > 1 && count > (worst?.count ?? 1)) worst = { name, count };
    },
  });
  return worst;
}
