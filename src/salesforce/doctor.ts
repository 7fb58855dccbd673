import { REQUIRED_HANDOVER_OBJECTS } from '../core/sobjects.js';

/** The part of a jsforce / @salesforce/core connection that the doctor needs. */
export type DoctorConnection = {
  getApiVersion(): string;
  instanceUrl: string;
  getUsername(): string | undefined;
  describeGlobal(): Promise<{ sobjects: { name: string }[] }>;
};

export type ObjectCheck = { name: string; deployed: boolean };

export type OrgCheck = {
  username: string | undefined;
  instanceUrl: string;
  apiVersion: string;
  objects: ObjectCheck[];
  handoverDeployed: boolean;
};

export type NodeCheck = { version: string; supported: boolean; required: string };

export const MINIMUM_NODE_MAJOR = 22;

export function checkNode(version: string = process.versions.node): NodeCheck {
  const major = Number(version.split('.')[0]);
  return { version, supported: major >= MINIMUM_NODE_MAJOR, required: `>=${MINIMUM_NODE_MAJOR}` };
}

/** Connects through `conn` and reports the API version and which Handover objects are deployed. */
export async function checkOrg(conn: DoctorConnection): Promise<OrgCheck> {
  const global = await conn.describeGlobal();
  const present = new Set(global.sobjects.map((s) => s.name));
  const objects = REQUIRED_HANDOVER_OBJECTS.map((name) => ({ name, deployed: present.has(name) }));
  return {
    username: conn.getUsername(),
    instanceUrl: conn.instanceUrl,
    apiVersion: conn.getApiVersion(),
    objects,
    handoverDeployed: objects.every((o) => o.deployed),
  };
}
