/**
 * Source files for the lint benchmark: each language's handlers, helpers and clients, generated from
 * an index so every file differs. Half the calls forward the trace headers, half do not.
 */

export interface LanguageGenerator {
  readonly language: string;
  fileName(index: number): string;
  source(index: number, packageIndex: number): string;
}

const forwards = (index: number): boolean => index % 2 === 0;

const typescript: LanguageGenerator = {
  language: 'typescript',
  fileName: (index) => `routes${index}.ts`,
  source: (index, pkg) => `import express from 'express';
import axios from 'axios';

export const router${index} = express.Router();
const api${index} = axios.create({ baseURL: 'http://svc-${pkg}-${index}' });

/** Loads item ${index} of package ${pkg}. */
export async function loadItem${index}(id: string, incoming: Record<string, string | undefined>) {
  const headers: Record<string, string> = {};
  ${forwards(index) ? "for (const name of ['traceparent', 'tracestate', 'x-request-id']) { const value = incoming[name]; if (value) headers[name] = value; }" : "headers['accept'] = 'application/json';"}
  const response = await api${index}.get(\`/items/\${id}\`, { headers });
  return response.data;
}

router${index}.get('/items/:id', async (req, res) => {
  const item = await loadItem${index}(req.params.id, req.headers as Record<string, string>);
  const price = await fetch(\`http://pricing/items/\${req.params.id}\`${forwards(index) ? ", { headers: { traceparent: req.get('traceparent') ?? '' } }" : ''});
  res.json({ item, price: await price.json() });
});

router${index}.post('/items', async (req, res) => {
  const created = await axios.post('http://store/items', req.body, { headers: { ...req.headers } });
  res.status(201).json(created.data);
});

export function format${index}(value: number): string {
  return value.toFixed(${index % 4});
}
`,
};

const javascript: LanguageGenerator = {
  language: 'javascript',
  fileName: (index) => `handler${index}.js`,
  source: (index) => `const got = require('got');

module.exports = function register${index}(app) {
  app.get('/orders/${index}', async (req, res) => {
    const body = await got.get('http://orders/${index}'${forwards(index) ? ', { headers: { b3: req.headers.b3 } }' : ''}).json();
    res.send(body);
  });
};
`,
};

const python: LanguageGenerator = {
  language: 'python',
  fileName: (index) => `views_${index}.py`,
  source: (index) => `import requests
from flask import Blueprint, request

bp_${index} = Blueprint("bp_${index}", __name__)
TRACE = ("traceparent", "tracestate", "x-b3-traceid")


def trace_headers_${index}():
    return {name: request.headers[name] for name in TRACE if name in request.headers}


@bp_${index}.route("/users/<user_id>")
def user_${index}(user_id):
    profile = requests.get(f"http://profiles/{user_id}"${forwards(index) ? ', headers=trace_headers_' + index + '()' : ''}, timeout=2)
    return profile.json()


@bp_${index}.post("/users")
def create_${index}():
    created = requests.post("http://users", json=request.get_json(), headers=dict(request.headers), timeout=2)
    return created.json(), 201
`,
};

const go: LanguageGenerator = {
  language: 'go',
  fileName: (index) => `handler${index}.go`,
  source: (index) => `package main

import (
	"net/http"
)

func stock${index}(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://stock/${index}", nil)
	${forwards(index) ? 'req.Header.Set("traceparent", r.Header.Get("traceparent"))' : 'req.Header.Set("accept", "application/json")'}
	resp, err := client${index}.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
}

var client${index} = &http.Client{}
`,
};

const java: LanguageGenerator = {
  language: 'java',
  fileName: (index) => `Controller${index}.java`,
  source: (index) => `package shop;

import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;
import org.springframework.http.*;

@RestController
public class Controller${index} {
  private final RestTemplate restTemplate = new RestTemplate();

  @GetMapping("/invoices/${index}/{id}")
  public String invoice(@PathVariable String id, @RequestHeader HttpHeaders incoming) {
    HttpHeaders headers = new HttpHeaders();
    ${forwards(index) ? 'headers.set("traceparent", incoming.getFirst("traceparent"));' : 'headers.set("accept", "application/json");'}
    return restTemplate.exchange("http://ledger/" + id, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
  }
}
`,
};

const ruby: LanguageGenerator = {
  language: 'ruby',
  fileName: (index) => `routes_${index}.rb`,
  source: (index) => `require "sinatra"
require "httparty"

get "/reviews/${index}/:id" do
  reviews = HTTParty.get("http://reviews/#{params[:id]}"${forwards(index) ? ', headers: { "traceparent" => request.env["HTTP_TRACEPARENT"] }' : ''})
  reviews.body
end
`,
};

export const GENERATORS: readonly LanguageGenerator[] = [typescript, python, go, java, javascript, ruby];

export const PROJECT_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  typescript: { 'package.json': '{"name":"svc","dependencies":{"express":"^4","axios":"^1"}}\n' },
  javascript: { 'package.json': '{"name":"svc","dependencies":{"got":"^14"}}\n' },
  python: { 'requirements.txt': 'flask\nrequests\n' },
  go: { 'go.mod': 'module example.com/svc\n\ngo 1.22\n' },
  java: { 'pom.xml': '<project><artifactId>svc</artifactId></project>\n' },
  ruby: { Gemfile: 'gem "sinatra"\ngem "httparty"\n' },
};

/** A 2,000-line TypeScript file of routes and helpers; the edit target holds `const limit = 1;`. */
export function bigTypeScriptFile(): string {
  const parts = ["import express from 'express';", "import axios from 'axios';", 'export const router = express.Router();', 'const limit = 1;'];
  let block = 0;
  while (parts.join('\n').split('\n').length < 1990) {
    parts.push(`
router.get('/big/${block}', async (req, res) => {
  const headers = { traceparent: req.get('traceparent') ?? '', 'x-request-id': req.get('x-request-id') ?? '' };
  const first = await axios.get('http://a/${block}', { headers });
  const second = await fetch('http://b/${block}');
  res.json({ first: first.data, second: await second.text(), limit });
});

function helper${block}(values: number[]): number {
  let total = 0;
  for (const value of values) total += value * ${block};
  return total;
}`);
    block++;
  }
  return `${parts.join('\n')}\n`;
}
