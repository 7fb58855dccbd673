/** The signed-in user behind a request, resolved from its Bearer token by the auth module. */
export type Session = {
  userId: string;
  orgId: string;
  accessToken: string;
  /** The connected app's consumer key, or null for SOAP logins. */
  clientId: string | null;
};

declare module 'fastify' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    /** Set by the REST layer's auth hook on every /services/data request. */
    session?: Session;
  }
}
