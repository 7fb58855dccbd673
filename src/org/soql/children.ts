import type { Subquery } from '@jetstreamapp/soql-parser-js';
import type { DatabaseSync } from 'node:sqlite';
import type { SqlValue } from '../db.js';
import type { SObjectDef } from '../schema/types.js';
import { malformed, unknownChildRelationship } from './errors.js';
import { compileOrderBy, orderBySql, orderOperand, type OrderKey } from './order.js';
import { Scope } from './scope.js';
import { expandFields, RecordShape, type ChildRecords, type RecordContext, type Row } from './shape.js';
import { sql, type Sql } from './sql.js';
import { compileWhere, type CompileEnv } from './where.js';

/** A child subquery (`SELECT Id FROM Contacts ...`), run once per page over the page's parent Ids. */
export type ChildPlan = { fetch(parentIds: string[]): ChildRecords };

const PARENT_COLUMN = '_parent';
const RANK_COLUMN = '_rank';

export function compileChild(
  db: DatabaseSync,
  parent: SObjectDef,
  subquery: Subquery,
  env: CompileEnv,
  ctx: RecordContext,
): ChildPlan {
  const wanted = subquery.relationshipName.toLowerCase();
  const rel = parent.childRelationships.find((r) => r.relationshipName?.toLowerCase() === wanted);
  const object = rel ? env.ctx.schema.object(rel.childSObject) : undefined;
  if (!rel || !object) throw unknownChildRelationship(subquery.relationshipName);
  if (subquery.groupBy ?? subquery.having) throw malformed('GROUP BY is not allowed in a relationship query');
  const scope = new Scope(env.ctx, object);
  const shape = new RecordShape(scope, expandFields(object, subquery.fields ?? [], subquery.limit));
  if (shape.subqueries.length > 0)
    throw malformed('Nested child relationship queries are not supported by the local org');
  const parentColumn = scope.column(rel.field);
  const where = compileWhere(scope, subquery.where, env);
  const order = compileOrderBy(subquery.orderBy, (clause) => orderOperand(scope, clause));
  const { pieces, idsPiece } = childQuery(scope, shape, parentColumn, where, order, subquery);
  const stmt = db.prepare(pieces.map((p) => p.sql).join(' '));
  return {
    fetch(parentIds) {
      const byParent: ChildRecords = new Map();
      if (parentIds.length === 0) return byParent;
      const params = pieces.flatMap((p): SqlValue[] => (p === idsPiece ? [JSON.stringify(parentIds)] : p.params));
      for (const row of stmt.all(...params) as Row[]) {
        const parentId = row[PARENT_COLUMN] as string;
        const list = byParent.get(parentId) ?? [];
        list.push(shape.toRecord(row, ctx, []));
        byParent.set(parentId, list);
      }
      return byParent;
    },
  };
}

/**
 * The child SELECT as pieces in textual order; `idsPiece` takes the page's parent Ids as a JSON array.
 * Without LIMIT/OFFSET one sorted SELECT; with them, ROW_NUMBER() per parent keeps each parent's window.
 */
function childQuery(
  scope: Scope,
  shape: RecordShape,
  parentColumn: string,
  where: Sql,
  order: OrderKey[],
  subquery: Subquery,
): { pieces: Sql[]; idsPiece: Sql } {
  const orderBy = orderBySql(order, [`${scope.root.alias}.rowid`]);
  const columns = `${parentColumn} AS "${PARENT_COLUMN}", ${shape.selectList()}`;
  const idsPiece = sql(`WHERE ${parentColumn} IN (SELECT value FROM json_each(?)) AND`);
  const filtered = [scope.fromSql(), idsPiece, where];
  if (subquery.limit === undefined && !subquery.offset) {
    return { pieces: [sql(`SELECT ${columns} FROM`), ...filtered, sql('ORDER BY'), orderBy], idsPiece };
  }
  const offset = subquery.offset ?? 0;
  const last = Math.min(offset + (subquery.limit ?? Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  const rank = sql(
    `ROW_NUMBER() OVER (PARTITION BY ${parentColumn} ORDER BY ${orderBy.sql}) AS "${RANK_COLUMN}"`,
    orderBy.params,
  );
  const pieces = [
    sql(`SELECT * FROM (SELECT ${columns},`),
    rank,
    sql('FROM'),
    ...filtered,
    sql(`) WHERE "${RANK_COLUMN}" > ? AND "${RANK_COLUMN}" <= ? ORDER BY "${RANK_COLUMN}"`, [offset, last]),
  ];
  return { pieces, idsPiece };
}
