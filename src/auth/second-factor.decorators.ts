import { SetMetadata } from '@nestjs/common';

export const BEFORE_SECOND_FACTOR_KEY = 'xs:beforeSecondFactor';

/** The error code of a request refused until the session has its second factor (set up, or the code typed). */
export const SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED';

/**
 * Open to a session still lacking its second factor at these steps: 'setup' (a password alone, the account
 * not yet enrolled: set-up, confirm, sign out, read oneself) or 'verify' (a page session awaiting the code).
 * Everything else answers 403 `SECOND_FACTOR_REQUIRED` (the pages: to the step's page).
 */
export const BeforeSecondFactor = (...stages: ('setup' | 'verify')[]) => SetMetadata(BEFORE_SECOND_FACTOR_KEY, stages);
