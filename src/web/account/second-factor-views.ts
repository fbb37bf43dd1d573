import type { SecondFactorSetup } from '../../auth/second-factor.service';
import type { FormState } from '../kit/forms';

/** 两步验证 at sign-in: the app's code, or with `recovery` one recovery code. */
export interface SecondFactorVerifyView {
  form: FormState;
  next: string;
  recovery: boolean;
  /** The account's number, masked, where a code may come by SMS instead (null: not offered). */
  smsTo: string | null;
  /** A code was just texted there. */
  smsSentTo?: string;
}

/** Enrolment: 'setup' shows the QR code and the secret; 'codes' the recovery codes, once; 'enabled' says it is on. */
export interface SecondFactorSetupView {
  stage: 'setup' | 'codes' | 'enabled';
  form: FormState;
  setup?: SecondFactorSetup;
  /** The account may do nothing else until the factor is on. */
  required?: boolean;
  recoveryCodes?: string[];
  /** The codes replace earlier ones (not the first enrolment). */
  renewed?: boolean;
}

declare module '../kit/layout' {
  interface ViewContexts {
    'login-second-factor': SecondFactorVerifyView;
    'account/second-factor': SecondFactorSetupView;
  }
}
