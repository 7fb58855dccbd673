import type { StatementSync } from 'node:sqlite';
import type { OrgContext } from './context.js';
import { quoteIdent, selectRow, selectRows, statement, toApiValue, type SqlValue } from './db.js';
import { deriveFields, type DeriveHelpers, type Row } from './derived.js';
import { notFound, OrgApiError } from './errors.js';
import { idSequence, makeId, to18 } from './ids.js';
import type { FieldDef, SObjectDef } from './schema/types.js';
import { Sharing } from './sharing/index.js';
import { assignProfileSet, createProfileSet, syncProfileSet } from './profilePermissions.js';
import { SYSTEM_PERMISSIONS } from './permissions.js';
import { toStoredValue } from './values.js';

/** Who performs a write, for the audit fields and the default owner. */
export type Actor = {
  userId: string;
  /**
   * Whether assignment rules may re-route the owner of cases and leads (and accounts with territory
   * rules). REST defaults to true when the Sforce-Auto-Assign header is absent, as Salesforce does.
   */
  autoAssign?: boolean;
};

/** Input as a client sends it: field name -> JSON value (`attributes` and `Id` are ignored). */
export type RecordInput = Record<string, unknown>;

/**
 * Options of a write. `system` is for the org's own seeds: it may write objects the API cannot
 * (Organization) and set audit and read-only fields, as Salesforce's "Set Audit Fields upon Record
 * Creation" lets data migrations do, and it skips the actor's sharing checks. Without it every write
 * is checked as the actor (see sharing/rules.ts).
 */
export type WriteOptions = { system?: boolean };

/** Fields the org always sets itself. */
const AUDIT_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

/**
 * Reads and writes records of the local org with Salesforce's rules: field types, required fields,
 * picklists, lookups that must exist, active owners, audit fields, soft delete, and the sharing model
 * (every write is checked as its actor; retrieves with an actor see only what the actor may read). An
 * owner change moves no child record, as through the real API, but drops the record's manual shares
 * and team.
 */
export class RecordStore {
  private readonly sequences = new Map<string, number>();
  /** The sharing model: access checks, query visibility, assignment rules. */
  public readonly sharing: Sharing;

  public constructor(private readonly ctx: OrgContext) {
    ctx.db.exec('CREATE TABLE IF NOT EXISTS _auto_number (series TEXT PRIMARY KEY, next INTEGER NOT NULL)');
    this.sharing = new Sharing(ctx);
  }

  public object(name: string): SObjectDef {
    const obj = this.ctx.schema.object(name);
    if (!obj) {
      throw new OrgApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
    }
    return obj;
  }

  /** Runs `fn` in a transaction (nested calls use savepoints); any throw rolls it back. */
  public transaction<T>(fn: () => T): T {
    // Prepared once per depth: a savepoint per record of a collections request is parsed no more.
    const name = `sp${this.depth++}`;
    this.stmt(`SAVEPOINT ${name}`).run();
    try {
      const result = fn();
      this.stmt(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      // Rolled-back writes may have changed rows read (and access answered) in the meantime.
      this.parentRows?.clear();
      this.sharing.access.written(undefined);
      this.stmt(`ROLLBACK TO ${name}`).run();
      this.stmt(`RELEASE ${name}`).run();
      throw error;
    } finally {
      this.depth--;
    }
  }
  private depth = 0;

  public newId(obj: SObjectDef): string {
    let next = this.sequences.get(obj.keyPrefix);
    if (next === undefined) {
      const row = this.stmt(`SELECT MAX(Id) AS id FROM ${quoteIdent(obj.name)}`).get() as { id: string | null };
      next = row.id ? idSequence(row.id) + 1 : 1;
    }
    this.sequences.set(obj.keyPrefix, next + 1);
    return makeId(obj.keyPrefix, next);
  }

  /** Inserts one record and returns its Id. */
  public create(objectName: string, input: RecordInput, actor: Actor, options: WriteOptions = {}): string {
    const obj = this.object(objectName);
    if (!obj.createable && !options.system) throw cannotWrite(obj, 'create');
    const row = this.defaults(obj, actor);
    // Seeds may choose Ids (the first admin user is its own creator).
    if (options.system && typeof input.Id === 'string') row.Id = to18(input.Id) ?? String(row.Id);
    this.apply(obj, row, input, 'create', options.system === true);
    this.derive(obj, row);
    this.validate(obj, row, undefined);
    if (!options.system) this.sharing.checkCreate(obj, row, actor);
    // An active assignment rule overrides the owner the client chose (unless Sforce-Auto-Assign: FALSE).
    if (this.sharing.assign(obj, row, actor)) this.validate(obj, row, undefined);
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${quoteIdent(obj.name)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    this.stmt(sql).run(...columns.map((c) => row[c] ?? null));
    this.wrote(obj);
    this.afterCreate(obj, String(row.Id), actor);
    this.sharing.afterSave(obj, undefined, row);
    return String(row.Id);
  }

  /**
   * Records Salesforce creates with another: every User has a UserLogin row (its frozen flag) and is
   * assigned their profile's permission set; every Profile owns a permission set (profilePermissions.ts).
   */
  private afterCreate(obj: SObjectDef, id: string, actor: Actor): void {
    if (obj.name === 'User' && this.ctx.schema.object('UserLogin')) {
      this.create('UserLogin', { UserId: id, IsFrozen: false, IsPasswordLocked: false }, actor, { system: true });
    }
    if (!this.ctx.schema.object('ObjectPermissions')) return;
    if (obj.name === 'Profile') createProfileSet(this, this.ctx, id, actor);
    if (obj.name === 'User') assignProfileSet(this, this.ctx, id, actor);
  }

  /** What an update changes elsewhere: a user's profile assignment follows their profile, a profile's set its permissions. */
  private afterUpdate(obj: SObjectDef, before: Row, row: Row, actor: Actor): void {
    if ((obj.name !== 'User' && obj.name !== 'Profile') || !this.ctx.schema.object('ObjectPermissions')) return;
    if (obj.name === 'User' && before.ProfileId !== row.ProfileId)
      assignProfileSet(this, this.ctx, String(row.Id), actor);
    if (obj.name === 'Profile' && SYSTEM_PERMISSIONS.some((f) => before[f] !== row[f])) {
      syncProfileSet(this, this.ctx, String(row.Id), actor);
    }
  }

  /**
   * Inserts many trusted rows fast (seeds and benchmark data sets): stored values, no validation,
   * derived fields computed. Returns the new Ids in order.
   */
  public insertTrusted(objectName: string, rows: Row[], actor: Actor): string[] {
    const obj = this.object(objectName);
    const base = this.defaults(obj, actor);
    delete base.Id;
    const baseKeys = Object.keys(base);
    const numbers = new NumberBlocks(this.ctx, rows.length);
    const ids: string[] = [];
    // Rows go in by groups, built just before their INSERT: they then die young (a seed writes
    // millions). Tables have no column defaults, so a group binds only the columns its rows set.
    const perGroup = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_INSERT_VALUES / obj.fields.length)));
    try {
      const helpers: DeriveHelpers = { ...this.helpers(), nextNumber: (series) => numbers.next(series) };
      for (let from = 0; from < rows.length; from += perGroup) {
        const group: Row[] = [];
        const present = new Set<string>(baseKeys);
        for (let i = from; i < Math.min(rows.length, from + perGroup); i++) {
          const input = rows[i]!;
          // The defaults overlaid with the input, as `{ ...base, ...input }` (copying the input first is cheaper).
          const row: Row = { ...input };
          for (const key of baseKeys) if (row[key] === undefined && !Object.hasOwn(row, key)) row[key] = base[key]!;
          row.Id = this.newId(obj);
          deriveFields(obj, row, helpers);
          for (const key in row) if (!present.has(key)) present.add(key);
          group.push(row);
          ids.push(String(row.Id));
        }
        this.insertRows(
          obj,
          obj.fields.map((f) => f.name).filter((name) => present.has(name)),
          group,
        );
      }
      this.wrote(obj);
      this.sharing.afterWrite(obj);
      return ids;
    } finally {
      numbers.release();
    }
  }

  /** One INSERT of all `rows` (one statement per row costs more than the row). */
  private insertRows(obj: SObjectDef, columns: string[], rows: Row[]): void {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const insert = this.stmt(
      `INSERT INTO ${quoteIdent(obj.name)} (${columns.map(quoteIdent).join(', ')}) VALUES ${Array<string>(rows.length).fill(tuple).join(', ')}`,
    );
    const values: SqlValue[] = [];
    for (const row of rows) for (const c of columns) values.push(row[c] ?? null);
    insert.run(...values);
  }

  /** Updates one record; only the given fields change. */
  public update(objectName: string, id: string, input: RecordInput, actor: Actor, options: WriteOptions = {}): void {
    const obj = this.object(objectName);
    if (!obj.updateable && !options.system) throw cannotWrite(obj, 'update');
    const before = this.load(obj, id);
    if (!options.system) this.sharing.checkEdit(obj, before, actor);
    const row: Row = { ...before };
    this.apply(obj, row, input, 'update', options.system === true);
    const now = this.ctx.now().toISOString();
    this.derive(obj, row, now);
    this.validate(obj, row, before);
    if (!options.system) this.sharing.checkChanges(obj, before, row, actor);
    if (this.sharing.assign(obj, row, actor)) this.validate(obj, row, before);
    if (!options.system || input.LastModifiedDate === undefined) {
      row.LastModifiedDate = now;
      row.SystemModstamp = now;
      row.LastModifiedById = actor.userId;
    }
    const changed: string[] = [];
    for (const c in row) if (row[c] !== before[c]) changed.push(c);
    const values: SqlValue[] = changed.map((c) => row[c] ?? null);
    values.push(String(before.Id));
    this.updateStatement(obj, changed).run(...values);
    this.wrote(obj, String(before.Id));
    this.sharing.afterSave(obj, before, row);
    this.afterUpdate(obj, before, row, actor);
  }

  /** The UPDATE of `columns` by Id, prepared once per object and column list. */
  private updateStatement(obj: SObjectDef, columns: string[]): StatementSync {
    let byColumns = this.updates.get(obj);
    if (!byColumns) {
      byColumns = new Map();
      this.updates.set(obj, byColumns);
    }
    const key = columns.join(',');
    let stmt = byColumns.get(key);
    if (!stmt) {
      stmt = this.stmt(
        `UPDATE ${quoteIdent(obj.name)} SET ${columns.map((c) => `${quoteIdent(c)} = ?`).join(', ')} WHERE Id = ?`,
      );
      byColumns.set(key, stmt);
    }
    return stmt;
  }
  private readonly updates = new WeakMap<SObjectDef, Map<string, StatementSync>>();

  /**
   * Soft-deletes a record (to the recycle bin) and the records whose master-detail parent it is.
   * The actor needs full access to the record (its owner, above the owner, Modify All Data).
   */
  public delete(objectName: string, id: string, actor: Actor, options: WriteOptions = {}): void {
    const obj = this.object(objectName);
    if (!obj.deletable) throw cannotWrite(obj, 'delete');
    const before = this.load(obj, id);
    if (!options.system) this.sharing.checkDelete(obj, before, actor);
    this.markDeleted(obj, String(before.Id), actor);
    this.sharing.afterWrite(obj);
  }

  /** Deletes a record for good (Bulk API hardDelete): no recycle bin, queryAll no longer sees it. */
  public hardDelete(objectName: string, id: string, actor: Actor, options: WriteOptions = {}): void {
    const obj = this.object(objectName);
    if (!obj.deletable) throw cannotWrite(obj, 'delete');
    const before = this.load(obj, id);
    if (!options.system) this.sharing.checkDelete(obj, before, actor);
    this.markDeleted(obj, String(before.Id), actor);
    this.stmt(`DELETE FROM ${quoteIdent(obj.name)} WHERE Id = ?`).run(String(before.Id));
    this.wrote(obj, String(before.Id));
    this.sharing.afterWrite(obj);
  }

  /** The stored row of a live record, or a NOT_FOUND / ENTITY_IS_DELETED error. */
  public load(obj: SObjectDef, id: string): Row {
    const full = to18(id);
    if (!full || this.ctx.schema.objectForId(full) !== obj) {
      throw notFound();
    }
    const cached = this.prefetched.get(full);
    if (cached) this.prefetched.delete(full);
    const row = cached ?? selectRow(this.ctx.db, `SELECT * FROM ${quoteIdent(obj.name)} WHERE Id = ?`, full);
    if (!row) throw notFound();
    if (row.IsDeleted) throw new OrgApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
    return row;
  }

  /**
   * Runs `fn` with the rows of `ids` read in one query (Bulk API chunks write thousands of known
   * records); each prefetched row serves one load, later loads read the table again. `fn` runs as a
   * batch (see `batch`).
   */
  public withPrefetch<T>(obj: SObjectDef, ids: readonly string[], fn: () => T): T {
    const full = ids.flatMap((id) => to18(id) ?? []);
    const rows = selectRows(
      this.ctx.db,
      `SELECT * FROM ${quoteIdent(obj.name)} WHERE Id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(full),
    );
    for (const row of rows) this.prefetched.set(String(row.Id), row);
    try {
      return this.sharing.access.checkingTogether(obj, full, () => this.batch(fn));
    } finally {
      this.prefetched.clear();
    }
  }

  /**
   * Runs a group of writes that nothing else interleaves with (one synchronous call: a Bulk API chunk,
   * a collections request). Meanwhile the parent rows that lookups check (does the owner exist, is
   * it active, may a queue own this object) are read once per Id; the store forgets those of an
   * object as soon as it writes to that object, and all of them when a write is rolled back.
   */
  public batch<T>(fn: () => T): T {
    if (this.parentRows) return fn();
    this.parentRows = new Map();
    try {
      return fn();
    } finally {
      this.parentRows = undefined;
    }
  }
  private parentRows: Map<string, Map<string, Row | undefined>> | undefined;

  /** A parent row read through the batch's memory (see `batch`), or straight from the table outside one. */
  private remembered(objectName: string, key: string, read: () => Row | undefined): Row | undefined {
    const memory = this.parentRows;
    if (!memory) return read();
    let rows = memory.get(objectName);
    if (!rows) {
      rows = new Map();
      memory.set(objectName, rows);
    }
    if (rows.has(key)) return rows.get(key);
    const row = read();
    rows.set(key, row);
    return row;
  }

  /** After a write to `obj` (to its record `id`, an update or delete): what was remembered of it goes. */
  private wrote(obj: SObjectDef, id?: string): void {
    this.parentRows?.delete(obj.name);
    this.sharing.access.written(obj, id);
  }
  private readonly prefetched = new Map<string, Row>();

  /**
   * A record in API JSON shape, with all fields or only `fields`; undefined when missing, deleted, or
   * (given the reading actor) invisible to the actor, as Salesforce answers 404 for records it hides.
   */
  public retrieve(
    obj: SObjectDef,
    id: string,
    apiVersion: string,
    fields?: string[],
    actor?: Actor,
  ): Record<string, unknown> | undefined {
    const full = to18(id);
    if (!full || this.ctx.schema.objectForId(full) !== obj) return undefined;
    const row = selectRow(this.ctx.db, `SELECT * FROM ${quoteIdent(obj.name)} WHERE Id = ? AND IsDeleted = 0`, full);
    if (!row) return undefined;
    const selected = fields ? fields.map((name) => this.requireField(obj, name)) : obj.fields;
    if (actor && !this.sharing.canRead(obj, full, actor.userId)) return undefined;
    return apiRecord(obj, row, selected, apiVersion);
  }

  /**
   * retrieve() of many records of `obj` with `fields` (sObject Collections retrieve), in the order of
   * `ids`: one query for the rows and one per access mode, not one of each per record.
   */
  public retrieveMany(
    obj: SObjectDef,
    ids: readonly string[],
    apiVersion: string,
    fields: string[],
    actor: Actor,
  ): (Record<string, unknown> | undefined)[] {
    const selected = fields.map((name) => this.requireField(obj, name));
    const full = ids.map((id) => {
      const id18 = to18(id);
      return id18 && this.ctx.schema.objectForId(id18) === obj ? id18 : undefined;
    });
    const wanted = [...new Set(full.filter((id) => id !== undefined))];
    const rows = new Map(
      selectRows(
        this.ctx.db,
        `SELECT * FROM ${quoteIdent(obj.name)} WHERE Id IN (SELECT value FROM json_each(?)) AND IsDeleted = 0`,
        JSON.stringify(wanted),
      ).map((row) => [String(row.Id), row]),
    );
    return this.sharing.access.checkingTogether(obj, wanted, () =>
      full.map((id) => {
        const row = id === undefined ? undefined : rows.get(id);
        if (id === undefined || !row || !this.sharing.canRead(obj, id, actor.userId)) return undefined;
        return apiRecord(obj, row, selected, apiVersion);
      }),
    );
  }

  /** Ids of live records whose `field` equals `value` (for upsert by external id). */
  public findByField(obj: SObjectDef, field: FieldDef, value: SqlValue): string[] {
    const rows = this.stmt(
      `SELECT Id FROM ${quoteIdent(obj.name)} WHERE ${quoteIdent(field.name)} = ? AND IsDeleted = 0`,
    ).all(value) as { Id: string }[];
    return rows.map((r) => r.Id);
  }

  public requireField(obj: SObjectDef, name: string): FieldDef {
    const f = this.ctx.schema.field(obj, name);
    if (!f) {
      throw new OrgApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${obj.name}`, [name]);
    }
    return f;
  }

  private markDeleted(obj: SObjectDef, id: string, actor: Actor): void {
    const now = this.ctx.now().toISOString();
    this.stmt(
      `UPDATE ${quoteIdent(obj.name)} SET IsDeleted = 1, LastModifiedDate = ?, SystemModstamp = ?, LastModifiedById = ? WHERE Id = ?`,
    ).run(now, now, actor.userId, id);
    this.wrote(obj, id);
    for (const rel of obj.childRelationships) {
      if (!rel.cascadeDelete) continue;
      const child = this.ctx.schema.object(rel.childSObject);
      if (!child) continue;
      const ids = this.stmt(
        `SELECT Id FROM ${quoteIdent(child.name)} WHERE ${quoteIdent(rel.field)} = ? AND IsDeleted = 0`,
      ).all(id) as {
        Id: string;
      }[];
      for (const c of ids) this.markDeleted(child, c.Id, actor);
    }
  }

  private defaults(obj: SObjectDef, actor: Actor): Row {
    const now = this.ctx.now().toISOString();
    const row: Row = {};
    for (const f of obj.fields) {
      if (f.defaultValue !== undefined && f.defaultValue !== null) row[f.name] = toStoredValue(f, f.defaultValue);
      const picklistDefault = f.picklistValues.find((v) => v.defaultValue);
      if (picklistDefault && row[f.name] === undefined) row[f.name] = picklistDefault.value;
    }
    row.Id = this.newId(obj);
    row.IsDeleted = 0;
    row.CreatedDate = now;
    row.CreatedById = actor.userId;
    row.LastModifiedDate = now;
    row.LastModifiedById = actor.userId;
    row.SystemModstamp = now;
    if (this.ctx.schema.field(obj, 'OwnerId')) row.OwnerId = actor.userId;
    return row;
  }

  /** Copies client input onto `row`, refusing unknown, read-only and ill-typed values. */
  private apply(obj: SObjectDef, row: Row, input: RecordInput, mode: 'create' | 'update', system: boolean): void {
    const readOnly: string[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (key === 'attributes') continue;
      const f = this.requireField(obj, key);
      if (f.name === 'Id' || (f.name === 'IsDeleted' && !system)) continue;
      const writable = system || (mode === 'create' ? f.createable : f.updateable);
      if (!writable || (AUDIT_FIELDS.has(f.name) && !system) || (f.calculated && !system)) {
        readOnly.push(f.name);
        continue;
      }
      row[f.name] = toStoredValue(f, value);
    }
    if (readOnly.length > 0) {
      throw new OrgApiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      );
    }
  }

  private derive(obj: SObjectDef, row: Row, nowIso?: string): void {
    deriveFields(obj, row, this.helpers(nowIso));
  }

  private validate(obj: SObjectDef, row: Row, before: Row | undefined): void {
    const plan = validationPlan(obj);
    let missing: string[] | undefined;
    for (const f of plan.required) {
      const value = row[f.name];
      if (value === null || value === undefined || value === '') (missing ??= []).push(f.name);
    }
    if (missing) {
      throw new OrgApiError(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    }
    for (const f of plan.checked) {
      const value = row[f.name];
      if (value === null || value === undefined || before?.[f.name] === value) continue;
      if (f.type === 'picklist' || f.type === 'multipicklist') this.checkPicklist(f, String(value));
      // Audit lookups are set by the org itself (seeds create the first admin before it exists).
      if (f.type === 'reference' && value !== row.Id && !AUDIT_FIELDS.has(f.name))
        this.checkReference(obj, f, String(value));
      if (f.unique || (f.externalId && f.unique)) this.checkUnique(obj, f, value, String(row.Id));
    }
  }

  private checkPicklist(f: FieldDef, value: string): void {
    if (!f.restrictedPicklist) return;
    let allowed = picklistValues.get(f);
    if (!allowed) {
      allowed = new Set(f.picklistValues.filter((v) => v.active).map((v) => v.value.toLowerCase()));
      picklistValues.set(f, allowed);
    }
    const values = f.type === 'multipicklist' ? value.split(';') : [value];
    const bad = values.find((v) => !allowed.has(v.toLowerCase()));
    if (bad !== undefined) {
      throw new OrgApiError(
        400,
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${f.label}: bad value for restricted picklist field: ${bad}`,
        [f.name],
      );
    }
  }

  private checkReference(obj: SObjectDef, f: FieldDef, id: string): void {
    const target = this.ctx.schema.objectForId(id);
    if (!target || !f.referenceTo.includes(target.name)) {
      if (f.name === 'OwnerId' && target?.name === 'Group') {
        throw new OrgApiError(400, 'FIELD_INTEGRITY_EXCEPTION', `Owner ID: id value of incorrect type: ${id}`, [
          f.name,
        ]);
      }
      throw new OrgApiError(400, 'FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${id}`, [
        f.name,
      ]);
    }
    const cols =
      target.name === 'User' ? 'IsDeleted, IsActive' : target.name === 'Group' ? 'IsDeleted, Type' : 'IsDeleted';
    const parent = this.remembered(target.name, id, () =>
      selectRow(this.ctx.db, `SELECT ${cols} FROM ${quoteIdent(target.name)} WHERE Id = ?`, id),
    );
    if (!parent || parent.IsDeleted) {
      throw new OrgApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]);
    }
    if (f.name !== 'OwnerId') return;
    if (target.name === 'User' && !parent.IsActive) {
      throw new OrgApiError(
        400,
        'INACTIVE_OWNER_OR_USER',
        `operation performed with inactive user [${id}] as owner of ${obj.name.toLowerCase()}`,
        [f.name],
      );
    }
    if (target.name === 'Group' && (parent.Type !== 'Queue' || !obj.allowsQueueOwner || !this.queueSupports(id, obj))) {
      throw new OrgApiError(400, 'FIELD_INTEGRITY_EXCEPTION', `Owner ID: id value of incorrect type: ${id}`, [f.name]);
    }
  }

  /** A queue may own records of the objects listed in its QueueSobject rows. */
  private queueSupports(queueId: string, obj: SObjectDef): boolean {
    if (!this.ctx.schema.object('QueueSobject')) return true;
    const row = this.remembered('QueueSobject', `${queueId}\u0000${obj.name}`, () =>
      selectRow(
        this.ctx.db,
        `SELECT 1 AS ok FROM "QueueSobject" WHERE QueueId = ? AND SobjectType = ? AND IsDeleted = 0`,
        queueId,
        obj.name,
      ),
    );
    return row !== undefined;
  }

  private checkUnique(obj: SObjectDef, f: FieldDef, value: SqlValue, id: string): void {
    const other = this.stmt(
      `SELECT Id FROM ${quoteIdent(obj.name)} WHERE ${quoteIdent(f.name)} = ? AND Id != ? AND IsDeleted = 0 LIMIT 1`,
    ).get(value, id) as { Id: string } | undefined;
    if (other) {
      throw new OrgApiError(
        400,
        'DUPLICATE_VALUE',
        `duplicate value found: ${f.name} duplicates value on record with id: ${other.Id}`,
        [f.name],
      );
    }
  }

  private helpers(nowIso = this.ctx.now().toISOString()): DeriveHelpers {
    return { ...this.deriveHelpers, nowIso };
  }
  private readonly deriveHelpers: Omit<DeriveHelpers, 'nowIso'> = {
    nextNumber: (series) => this.nextNumber(series),
    accountOfContact: (id) => this.accountOf('Contact', id),
    accountOfRecord: (id) => {
      const obj = this.ctx.schema.objectForId(id);
      return obj && this.ctx.schema.field(obj, 'AccountId') ? this.accountOf(obj.name, id) : null;
    },
  };

  private accountOf(objectName: string, id: string): string | null {
    const row = this.stmt(`SELECT AccountId FROM ${quoteIdent(objectName)} WHERE Id = ?`).get(id) as
      { AccountId: string | null } | undefined;
    return row?.AccountId ?? null;
  }

  private nextNumber(series: string): number {
    const row = this.stmt(
      `INSERT INTO _auto_number (series, next) VALUES (?, 1) ON CONFLICT(series) DO UPDATE SET next = next + 1 RETURNING next`,
    ).get(series) as { next: number };
    return row.next;
  }

  private stmt(sql: string): StatementSync {
    return statement(this.ctx.db, sql);
  }
}

/** Rows per multi-row INSERT of insertTrusted, and bound values per statement at most. */
const MAX_ROWS_PER_INSERT = 50;
const MAX_INSERT_VALUES = 2_000;

/**
 * Auto-numbers for a batch of `size` rows: each series reserves a block of numbers in one statement
 * and hands them out in order; `release` gives back what was not used, so the series goes on exactly
 * where one number at a time would have left it.
 */
class NumberBlocks {
  private readonly blocks = new Map<string, { next: number; last: number }>();

  public constructor(
    private readonly ctx: OrgContext,
    private readonly size: number,
  ) {}

  public next(series: string): number {
    let block = this.blocks.get(series);
    if (!block || block.next > block.last) {
      const count = Math.max(1, this.size);
      const row = statement(
        this.ctx.db,
        `INSERT INTO _auto_number (series, next) VALUES (?, ?) ON CONFLICT(series) DO UPDATE SET next = next + excluded.next RETURNING next`,
      ).get(series, count) as { next: number };
      block = { next: row.next - count + 1, last: row.next };
      this.blocks.set(series, block);
    }
    return block.next++;
  }

  public release(): void {
    for (const [series, block] of this.blocks) {
      if (block.next <= block.last) {
        statement(this.ctx.db, 'UPDATE _auto_number SET next = ? WHERE series = ?').run(block.next - 1, series);
      }
    }
    this.blocks.clear();
  }
}

/** What `validate` looks at, per object: required fields, and fields whose new values are checked. */
type ValidationPlan = { required: FieldDef[]; checked: FieldDef[] };
const validationPlans = new WeakMap<SObjectDef, ValidationPlan>();
const picklistValues = new WeakMap<FieldDef, Set<string>>();

function validationPlan(obj: SObjectDef): ValidationPlan {
  let plan = validationPlans.get(obj);
  if (!plan) {
    plan = {
      required: obj.fields.filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate),
      checked: obj.fields.filter(
        (f) =>
          ((f.type === 'picklist' || f.type === 'multipicklist') && f.restrictedPicklist) ||
          (f.type === 'reference' && !AUDIT_FIELDS.has(f.name)) ||
          f.unique,
      ),
    };
    validationPlans.set(obj, plan);
  }
  return plan;
}

function cannotWrite(obj: SObjectDef, operation: string): OrgApiError {
  return new OrgApiError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${obj.name} does not support ${operation}`);
}

/** A stored row in API JSON shape: its attributes and the `selected` fields. */
function apiRecord(
  obj: SObjectDef,
  row: Row,
  selected: readonly FieldDef[],
  apiVersion: string,
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    attributes: { type: obj.name, url: `/services/data/v${apiVersion}/sobjects/${obj.name}/${String(row.Id)}` },
  };
  for (const f of selected) record[f.name] = toApiValue(f, row[f.name]);
  return record;
}
