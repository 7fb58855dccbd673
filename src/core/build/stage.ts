import { STANDARD_OPPORTUNITY_STAGES } from '../sobjects.js';
import type { AccountStage, ContractRow, IsoDate, OpportunityRow } from '../model.js';

/** The stages of a new org in their sales-process order (the closed ones last). */
export const STANDARD_STAGES = STANDARD_OPPORTUNITY_STAGES;

/** An open deal at or past this stage means the account is negotiating. */
export const NEGOTIATION_FROM_STAGE = 'Proposal/Price Quote';
/** For a stage outside the standard order (a custom sales process), its probability decides instead. */
export const NEGOTIATION_MIN_PROBABILITY = 50;

const STAGE_POSITION = new Map<string, number>(STANDARD_STAGES.map((stage, i) => [stage.toLowerCase(), i]));

/** The position of a stage in the standard order; null for a stage the standard process does not have. */
export function stagePosition(stage: string | null | undefined): number | null {
  return typeof stage === 'string' ? (STAGE_POSITION.get(stage.trim().toLowerCase()) ?? null) : null;
}

/** An Activated contract that has started (or has no start) and has not ended (or has no end). */
export function isCurrentContract(contract: ContractRow, today: IsoDate): boolean {
  return (
    contract.Status === 'Activated' &&
    (contract.StartDate === null || contract.StartDate <= today) &&
    (contract.EndDate === null || contract.EndDate >= today)
  );
}

export function isNegotiating(opportunity: OpportunityRow): boolean {
  if (opportunity.IsClosed) return false;
  const position = stagePosition(opportunity.StageName);
  if (position !== null) return position >= (stagePosition(NEGOTIATION_FROM_STAGE) ?? 0);
  return typeof opportunity.Probability === 'number' && opportunity.Probability >= NEGOTIATION_MIN_PROBABILITY;
}

/** Under contract beats negotiating beats prospect; closed deals and other contracts do not count. */
export function accountStage(
  contracts: readonly ContractRow[],
  opportunities: readonly OpportunityRow[],
  today: IsoDate,
): AccountStage {
  if (contracts.some((c) => isCurrentContract(c, today))) return 'under_contract';
  if (opportunities.some(isNegotiating)) return 'negotiating';
  return 'prospect';
}
