import { writeFileSync } from 'node:fs';
import type { Trace, TraceFormat } from '../core/model';
import { toJaegerJson } from '../core/writeJaeger';
import { toOtlpJson } from '../core/writeOtlp';
import { toZipkinJson } from '../core/writeZipkin';
import { ExitCode, type CliIo } from './cliIo';
import { readTraceFile, systemErrorText } from './readTraceFile';

/** `trace-lens convert <file> --to FORMAT [--out FILE]`: one line of JSON, to stdout or FILE. */
export function runConvert(io: CliIo, file: string, to: TraceFormat, outFile: string | undefined): ExitCode {
  const read = readTraceFile(file);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return ExitCode.BadInput;
  }
  let text: string;
  try {
    text = `${JSON.stringify(writeTraces(read.parsed.traces, to))}\n`;
  } catch (error) {
    // JSON.stringify throws RangeError when the output would pass V8's string limit.
    io.stderr(`cannot convert ${file} to ${to}: ${systemErrorText(error)}\n`);
    return ExitCode.Failed;
  }
  if (outFile === undefined) {
    io.stdout(text);
    return ExitCode.Ok;
  }
  try {
    writeFileSync(outFile, text);
  } catch (error) {
    io.stderr(`cannot write ${outFile}: ${systemErrorText(error)}\n`);
    return ExitCode.Failed;
  }
  return ExitCode.Ok;
}

/** The wire document for `format`, ready for `JSON.stringify`. */
export function writeTraces(traces: readonly Trace[], format: TraceFormat): unknown {
  switch (format) {
    case 'jaeger':
      return toJaegerJson(traces);
    case 'otlp':
      return toOtlpJson(traces);
    case 'zipkin':
      return toZipkinJson(traces);
  }
}
