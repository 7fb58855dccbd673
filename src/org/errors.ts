/**
 * Errors in Salesforce's shapes. REST and Bulk answer an array of {message, errorCode, fields};
 * sObject Collections report per-record errors with `statusCode` instead of `errorCode`.
 */

export type ApiErrorBody = { message: string; errorCode: string; fields?: string[] };
export type RecordError = { statusCode: string; message: string; fields: string[] };

/** Thrown anywhere in the org; the server turns it into `status` + `[{message, errorCode, fields}]`. */
export class OrgApiError extends Error {
  public constructor(
    public readonly status: number,
    public readonly errorCode: string,
    message: string,
    public readonly fields?: string[],
  ) {
    super(message);
    this.name = errorCode;
  }

  public toBody(): unknown {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }

  public toRecordError(): RecordError {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields ?? [] };
  }
}

export const notFound = (): OrgApiError => new OrgApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const invalidSession = (): OrgApiError =>
  new OrgApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

/** 300 for an external id that matches several records: the body lists their URLs. */
export class MultipleChoicesError extends OrgApiError {
  public constructor(private readonly urls: string[]) {
    super(300, 'MULTIPLE_CHOICES', 'More than one record matches the external id');
  }

  public override toBody(): string[] {
    return this.urls;
  }
}
