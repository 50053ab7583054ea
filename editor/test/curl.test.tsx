import { describe, expect, it } from 'vitest';
import { importCurl, shellWords } from '../src/workflow/curl';

describe('Import cURL', () => {
  it('splits shell words with quotes, escapes and line continuations', () => {
    expect(shellWords(`curl -H 'A: b c' "x\\"y" $'l1\\nl2' \\\n  z\\ w`)).toEqual([
      'curl',
      '-H',
      'A: b c',
      'x"y',
      'l1\nl2',
      'z w',
    ]);
  });

  it('reads a JSON POST with headers and query parameters', () => {
    const { parameters } = importCurl(`curl -X POST 'https://api.example.com/v1/items?limit=2&tag=a' \\
      -H 'Content-Type: application/json' -H 'X-Trace: t1' --data-raw '{"name":"Ada"}'`);
    expect(parameters).toEqual({
      method: 'POST',
      url: 'https://api.example.com/v1/items',
      sendQuery: true,
      queryParameters: {
        parameters: [
          { name: 'limit', value: '2' },
          { name: 'tag', value: 'a' },
        ],
      },
      sendBody: true,
      contentType: 'json',
      specifyBody: 'json',
      jsonBody: '{"name":"Ada"}',
      sendHeaders: true,
      headerParameters: { parameters: [{ name: 'X-Trace', value: 't1' }] },
      options: {},
    });
  });

  it('reads form data, multipart files, basic auth and options', () => {
    const form = importCurl('curl https://x.test/form -d a=1 -d b=two%20words -u ada:pw -k -L --max-redirs 3 -m 2.5');
    expect(form.parameters.method).toBe('POST');
    expect(form.parameters.contentType).toBe('form-urlencoded');
    expect(form.parameters.bodyParameters).toEqual({
      parameters: [
        { name: 'a', value: '1' },
        { name: 'b', value: 'two words' },
      ],
    });
    expect(form.parameters.headerParameters).toEqual({
      parameters: [{ name: 'Authorization', value: 'Basic YWRhOnB3' }],
    });
    expect(form.parameters.options).toEqual({
      allowUnauthorizedCerts: true,
      timeout: 2500,
      redirect: { redirect: { followRedirects: true, maxRedirects: 3 } },
    });
    const multi = importCurl('curl -F "file=@photo.jpg" -F note=hi https://x.test/upload');
    expect(multi.parameters.contentType).toBe('multipart-form-data');
    expect(multi.parameters.bodyParameters).toEqual({
      parameters: [
        { parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
        { parameterType: 'formData', name: 'note', value: 'hi' },
      ],
    });
  });

  it('moves data to the query with -G and keeps raw bodies with their type', () => {
    expect(importCurl('curl -G https://x.test/s -d q=hearth').parameters).toMatchObject({
      method: 'GET',
      sendQuery: true,
      queryParameters: { parameters: [{ name: 'q', value: 'hearth' }] },
    });
    expect(
      importCurl(`curl -X PUT https://x.test/csv -H 'Content-Type: text/csv' --data-binary 'a,b'`).parameters,
    ).toMatchObject({ contentType: 'raw', rawContentType: 'text/csv', body: 'a,b' });
  });

  it('refuses what is not a curl command', () => {
    expect(() => importCurl('wget https://x.test')).toThrow('The command must start with curl');
    expect(() => importCurl('curl -X POST')).toThrow('The command has no URL');
    const odd = importCurl('curl --http1.1 https://x.test');
    expect(odd.ignored).toEqual(['--http1.1']);
    expect(odd.parameters.url).toBe('https://x.test/');
  });
});

describe('Import cURL button', () => {
  it('fills the parameters from a pasted command and says what it did not use', async () => {
    const { render, screen, fireEvent } = await import('@testing-library/react');
    const { CurlImportButton } = await import('../src/panels/CurlImportButton');
    const imported: unknown[] = [];
    render(<CurlImportButton onImport={(p) => imported.push(p)} />);
    fireEvent.click(screen.getByTestId('curl-import-open'));
    fireEvent.change(screen.getByTestId('curl-import-text'), { target: { value: 'curl http://x' } });
    fireEvent.click(screen.getByTestId('curl-import-run'));
    expect(imported).toHaveLength(1);
    fireEvent.click(screen.getByTestId('curl-import-open'));
    fireEvent.change(screen.getByTestId('curl-import-text'), { target: { value: 'wget http://x' } });
    fireEvent.click(screen.getByTestId('curl-import-run'));
    expect(screen.getByTestId('curl-import-error').textContent).toBe('The command must start with curl');
    expect(imported).toHaveLength(1);
  });
});
