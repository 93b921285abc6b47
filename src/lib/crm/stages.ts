// Won and lost recognised by stage or status name, in English and Chinese (DESIGN.md section 3).

/** Lower-cased stage names that mean won. Matched against the whole trimmed value. */
export const WON_PATTERN = '^(closed[ _-]*won|won|closedwon|deal[ _-]*won|赢单|成交|已成交|赢得|签约|已签约)$';
/** Lower-cased status words of a deal still open (Pipedrive "open"; 进行中, 跟进中). */
export const OPEN_PATTERN = '^(open|in[ _-]*progress|进行中|跟进中|未成交)$';
export const LOST_PATTERN = '^(closed[ _-]*lost|lost|closedlost|deal[ _-]*lost|abandoned|输单|丢单|失单|战败|已输单|已丢单)$';

export function isWonStage(stage: string): boolean {
  return new RegExp(WON_PATTERN).test(stage.trim().toLowerCase());
}

export function isLostStage(stage: string): boolean {
  return new RegExp(LOST_PATTERN).test(stage.trim().toLowerCase());
}
