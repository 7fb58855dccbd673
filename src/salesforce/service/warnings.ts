/** Warnings a service result carries: the handover went ahead, but someone should look at this. */
export type WarningCode =
  | 'late'
  | 'tight'
  | 'departing_inactive'
  | 'departing_frozen'
  | 'access_partially_checked'
  | 'unassigned_records'
  | 'empty_book'
  | 'content_changed_outside'
  | 'not_shared';

export type Warning = { code: WarningCode; message: string };
