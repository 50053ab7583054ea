import { describe, expect, it } from 'vitest';
import type { NodeType, WorkflowNode } from '../src/api/types';
import { credentialRequirements } from '../src/workflow/issues';

const httpType = {
  name: 'hearth.httpRequest',
  credentials: [
    { type: '*requestAuthentication', required: true, displayOptions: { show: { authentication: ['predefinedCredentialType'] } } },
    { type: 'httpBasicAuth', required: true, displayOptions: { show: { genericAuthType: ['httpBasicAuth'] } } },
  ],
  schema: { properties: {} },
} as unknown as NodeType;

const node = (parameters: Record<string, unknown>) =>
  ({ name: 'HTTP', type: 'hearth.httpRequest', typeVersion: 4.2, position: [0, 0], parameters }) as unknown as WorkflowNode;

describe('credential requirements of HTTP Request', () => {
  it('asks for the credential type named in Predefined Credential Type', () => {
    expect(credentialRequirements(node({ authentication: 'predefinedCredentialType', nodeCredentialType: 'homeAssistantApi' }), httpType)
      .map((r) => r.type)).toEqual(['homeAssistantApi']);
    expect(credentialRequirements(node({ authentication: 'predefinedCredentialType' }), httpType)).toEqual([]);
    expect(credentialRequirements(node({ authentication: 'genericCredentialType', genericAuthType: 'httpBasicAuth' }), httpType)
      .map((r) => r.type)).toEqual(['httpBasicAuth']);
  });
});
