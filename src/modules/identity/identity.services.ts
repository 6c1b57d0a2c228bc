import type { FastifyRequest } from 'fastify';
import type { Kernel } from '../../kernel/kernel.js';
import { SmsCodeService } from './sms-code.service.js';
import { SignInService, type RequestMeta } from './sign-in.service.js';
import { RegistrationService } from './registration.service.js';
import { AccountService } from './account.service.js';
import { AccountAdminService } from './account-admin.service.js';
import { AgentService } from './agent.service.js';
import { PasswordResetService } from './password-reset.service.js';

export interface IdentityServices {
  smsCodes: SmsCodeService;
  signIn: SignInService;
  registration: RegistrationService;
  accounts: AccountService;
  accountAdmin: AccountAdminService;
  agents: AgentService;
  passwordReset: PasswordResetService;
}

export function identityServices(kernel: Kernel): IdentityServices {
  const smsCodes = new SmsCodeService(kernel);
  return {
    smsCodes,
    signIn: new SignInService(kernel),
    registration: new RegistrationService(kernel, smsCodes),
    accounts: new AccountService(kernel),
    accountAdmin: new AccountAdminService(kernel),
    agents: new AgentService(kernel),
    passwordReset: new PasswordResetService(kernel, smsCodes),
  };
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}
