/**
 * The property tax management system (ԳՀԿՀ): asked for a resident's property tax liabilities when a
 * community issues a certificate on tax liabilities. Adapters: an HTTP client for the real system and
 * an in-process sandbox with deterministic data (embedded mode and tests).
 */
import { UpstreamUnavailable } from '../errors';
import type { TaxLiabilityItem, TaxLiabilitySnapshot } from '../../domain/service-application/commands';

export type PropertyTaxItem = TaxLiabilityItem;

/** The answer: what the resident owes as of a date, item by item, and which system said so when. */
export type PropertyTaxLiability = TaxLiabilitySnapshot;

export interface PropertyTaxSystem {
  /** The liabilities of `residentId` for property in `communityId` as of `asOf` (YYYY-MM-DD). */
  liabilityOf(residentId: string, communityId: string, asOf: string): Promise<PropertyTaxLiability>;
}

/**
 * The property tax system could not answer (unreachable, timed out, refused, or answered nonsense).
 * Adapters throw it; callers see UPSTREAM_UNAVAILABLE and nothing is recorded.
 */
export class PropertyTaxUnavailable extends UpstreamUnavailable {
  constructor(message: string, cause?: unknown) {
    super(message, PROPERTY_TAX_UPSTREAM, cause);
    this.name = 'PropertyTaxUnavailable';
  }
}

/** `upstream` of the property tax system's errors. */
export const PROPERTY_TAX_UPSTREAM = 'property-tax';
