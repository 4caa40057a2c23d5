import type { ArgumentNode, DocumentNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLField, GraphQLSchema, SelectionSetNode } from 'graphql';
import { getNamedType, isCompositeType, isInterfaceType, isListType, isNonNullType, isObjectType, Kind, SchemaMetaFieldDef, TypeMetaFieldDef } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@tenantry/federation';

/** What a document asks of the graph, measured over every operation in it with its fragments expanded. */
export interface DocumentMeasures {
  /** Deepest field nesting (`{ me { id } }` is 2); an introspection field counts 1. */
  depth: number;
  /** Aliased fields, each occurrence counted (also `__typename`), a fragment counted at every spread. */
  aliases: number;
  /** Directives on selections and operations. */
  directives: number;
  /**
   * Objects the document may return: every object field counts 1, times the page size of each
   * list around it (`first` of a connection, the default page size when absent or for a list
   * without paging). Introspection costs nothing.
   */
  cost: number;
}

const NOTHING: DocumentMeasures = { depth: 0, aliases: 0, directives: 0, cost: 0 };

function add(a: DocumentMeasures, b: DocumentMeasures): DocumentMeasures {
  return { depth: Math.max(a.depth, b.depth), aliases: a.aliases + b.aliases, directives: a.directives + b.directives, cost: a.cost + b.cost };
}

/** The page a `first` argument asks for, as the subgraphs will serve it (over-limit values are refused there). */
function requestedPage(argument: ArgumentNode | undefined, variables: Record<string, unknown>): number {
  const value = argument?.value;
  const raw = value?.kind === Kind.INT ? Number(value.value) : value?.kind === Kind.VARIABLE ? variables[value.name.value] : undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(raw, 1), MAX_PAGE_SIZE);
}

/** Walks selections once per fragment (memoised), so nested spreads cannot make the measuring itself explode. */
class DocumentMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measuredFragments = new Map<string, DocumentMeasures>();

  constructor(
    document: DocumentNode,
    private readonly schema: GraphQLSchema | undefined,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  measure(document: DocumentNode): DocumentMeasures {
    let total = NOTHING;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const root = this.schema?.getRootType(definition.operation) ?? undefined;
      total = add(total, this.selectionSet(definition.selectionSet, root));
      total = { ...total, directives: total.directives + (definition.directives?.length ?? 0) };
    }
    return total;
  }

  private selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType | undefined): DocumentMeasures {
    let total = NOTHING;
    for (const selection of set.selections) {
      total = { ...total, directives: total.directives + (selection.directives?.length ?? 0) };
      if (selection.kind === Kind.FIELD) {
        const field = this.fieldOf(parent, selection.name.value);
        const aliases = selection.alias ? 1 : 0;
        if (!selection.selectionSet) {
          total = add(total, { depth: 1, aliases, directives: 0, cost: 0 });
          continue;
        }
        const child = this.selectionSet(selection.selectionSet, this.compositeOf(field));
        if (field === SchemaMetaFieldDef || field === TypeMetaFieldDef) {
          // Introspection is answered from the gateway's schema, no subgraph called; graphql-js's
          // MaxIntrospectionDepthRule (a specified rule) already bounds its fan-out, and tools send it deep.
          total = add(total, { depth: 1, aliases: aliases + child.aliases, directives: child.directives, cost: 0 });
          continue;
        }
        const times = this.multiplier(field, parent, selection.arguments);
        total = add(total, { depth: 1 + child.depth, aliases: aliases + child.aliases, directives: child.directives, cost: times * (1 + child.cost) });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? this.typeNamed(selection.typeCondition.name.value) : parent;
        total = add(total, this.selectionSet(selection.selectionSet, condition));
      } else {
        total = add(total, this.fragment(selection.name.value));
      }
    }
    return total;
  }

  private fragment(name: string): DocumentMeasures {
    const measured = this.measuredFragments.get(name);
    if (measured) return measured;
    const definition = this.fragments.get(name);
    // Validation refuses unknown and cyclic fragments; count them as nothing meanwhile.
    this.measuredFragments.set(name, NOTHING);
    if (!definition) return NOTHING;
    const result = this.selectionSet(definition.selectionSet, this.typeNamed(definition.typeCondition.name.value));
    this.measuredFragments.set(name, result);
    return result;
  }

  /** How many times a field's selection may be answered: its page, or the default page for an unpaged list. */
  private multiplier(field: GraphQLField<unknown, unknown> | undefined, parent: GraphQLCompositeType | undefined, args: readonly ArgumentNode[] = []): number {
    const first = args.find((argument) => argument.name.value === 'first');
    if (first || field?.args.some((argument) => argument.name === 'first')) return requestedPage(first, this.variables);
    if (!field) return 1;
    const type = isNonNullType(field.type) ? field.type.ofType : field.type;
    // A connection's edges are its page, already counted at the connection.
    return isListType(type) && !parent?.name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : 1;
  }

  private fieldOf(parent: GraphQLCompositeType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  }

  private compositeOf(field: GraphQLField<unknown, unknown> | undefined): GraphQLCompositeType | undefined {
    const named = field && getNamedType(field.type);
    return named && isCompositeType(named) ? named : undefined;
  }

  private typeNamed(name: string): GraphQLCompositeType | undefined {
    const type = this.schema?.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  }
}

/**
 * Measures a parsed document. With the schema, list fields are known and a paged field without
 * `first` costs the default page; without it (a document for another schema), only literal
 * `first` arguments multiply.
 */
export function measureDocument(document: DocumentNode, schema?: GraphQLSchema, variables: Record<string, unknown> = {}): DocumentMeasures {
  return new DocumentMeasurer(document, schema, variables).measure(document);
}
