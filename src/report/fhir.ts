import type { ReviewOutput } from '../schema/review.ts';
export function renderFhir(review: ReviewOutput): unknown { return { resourceType: 'Bundle', type: 'collection', id: review.document.id.slice(0, 32) }; }
