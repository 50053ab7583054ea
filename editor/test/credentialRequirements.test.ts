import { describe, expect, it } from 'vitest';
import type { CredentialType, NodeType, WorkflowNode } from '../src/api/types';
import { credentialTypeOptions } from '../src/form/widgets/choices';
import { credentialRequirements } from '../src/workflow/issues';

const httpType = {
  name: 'hearth.httpRequest',
  credentials: [
    {
      type: '*requestAuthentication',
      required: true,
      displayOptions: { show: { authentication: ['predefinedCredentialType'] } },
    },
    { type: 'httpBasicAuth', required: true, displayOptions: { show: { genericAuthType: ['httpBasicAuth'] } } },
  ],
  schema: { properties: {} },
} as unknown as NodeType;

const node = (parameters: Record<string, unknown>) =>
  ({
    name: 'HTTP',
    type: 'hearth.httpRequest',
    typeVersion: 4.2,
    position: [0, 0],
    parameters,
  }) as unknown as WorkflowNode;

describe('credential requirements of HTTP Request', () => {
  it('asks for the credential type named in Predefined Credential Type', () => {
    expect(
      credentialRequirements(
        node({ authentication: 'predefinedCredentialType', nodeCredentialType: 'homeAssistantApi' }),
        httpType,
      ).map((r) => r.type),
    ).toEqual(['homeAssistantApi']);
    expect(credentialRequirements(node({ authentication: 'predefinedCredentialType' }), httpType)).toEqual([]);
    expect(
      credentialRequirements(
        node({ authentication: 'genericCredentialType', genericAuthType: 'httpBasicAuth' }),
        httpType,
      ).map((r) => r.type),
    ).toEqual(['httpBasicAuth']);
  });
});

describe('the choice of Predefined Credential Type', () => {
  const types = [
    { name: 'smtp', displayName: 'SMTP', schema: {}, signsRequests: false },
    { name: 'homeAssistantApi', displayName: 'Home Assistant API', schema: {}, signsRequests: true },
    { name: 'httpBearerAuth', displayName: 'Bearer Auth', schema: {}, signsRequests: true },
    { name: 'acmeApi', displayName: 'Acme API', schema: {}, signsRequests: true },
  ] as CredentialType[];

  it('offers the installed types that sign requests, except the excluded (generic) ones, by name', () => {
    expect(credentialTypeOptions(types, { signsRequests: true, excluded: ['httpBearerAuth'] })).toEqual([
      { name: 'Acme API', value: 'acmeApi' },
      { name: 'Home Assistant API', value: 'homeAssistantApi' },
    ]);
  });
});
