// SPDX-License-Identifier: MIT
/** The DNS conversations of the samples: questions and answers that exercise name compression. */
import { DNS_TYPE, dnsMessage } from './packets.ts';

/** An A query for www.example.com and its answer: a CNAME chain, two addresses, NS and glue. */
export function dnsExchangeA(id: number, tcpFraming: boolean): [Uint8Array, Uint8Array] {
  const question = { name: 'www.example.com', type: DNS_TYPE.A };
  const query = dnsMessage({ id, flags: { recursionDesired: true }, questions: [question] }, tcpFraming);
  const answer = dnsMessage(
    {
      id,
      flags: { response: true, recursionDesired: true, recursionAvailable: true },
      questions: [question],
      answers: [
        { name: 'www.example.com', type: DNS_TYPE.CNAME, ttl: 300, data: { name: 'web.example.com' } },
        { name: 'web.example.com', type: DNS_TYPE.A, ttl: 300, data: { a: '203.0.113.80' } },
        { name: 'web.example.com', type: DNS_TYPE.A, ttl: 300, data: { a: '203.0.113.81' } },
      ],
      authority: [{ name: 'example.com', type: DNS_TYPE.NS, ttl: 86400, data: { name: 'ns1.example.com' } }],
      additional: [{ name: 'ns1.example.com', type: DNS_TYPE.A, ttl: 86400, data: { a: '198.51.100.53' } }],
    },
    tcpFraming,
  );
  return [query, answer];
}

/** An AAAA query and its answer. */
export function dnsExchangeAaaa(id: number, tcpFraming: boolean): [Uint8Array, Uint8Array] {
  const question = { name: 'www.example.com', type: DNS_TYPE.AAAA };
  const query = dnsMessage({ id, flags: { recursionDesired: true }, questions: [question] }, tcpFraming);
  const answer = dnsMessage(
    {
      id,
      flags: { response: true, recursionDesired: true, recursionAvailable: true },
      questions: [question],
      answers: [
        { name: 'www.example.com', type: DNS_TYPE.CNAME, ttl: 300, data: { name: 'web.example.com' } },
        { name: 'web.example.com', type: DNS_TYPE.AAAA, ttl: 300, data: { aaaa: '2001:db8:80::80' } },
      ],
    },
    tcpFraming,
  );
  return [query, answer];
}

/** An MX query answered over TCP (names inside MX data are compressed too). */
export function dnsExchangeMx(id: number): [Uint8Array, Uint8Array] {
  const question = { name: 'example.com', type: DNS_TYPE.MX };
  const query = dnsMessage({ id, flags: { recursionDesired: true }, questions: [question] }, true);
  const answer = dnsMessage(
    {
      id,
      flags: { response: true, recursionDesired: true, recursionAvailable: true },
      questions: [question],
      answers: [
        {
          name: 'example.com',
          type: DNS_TYPE.MX,
          ttl: 3600,
          data: { mx: { preference: 10, exchange: 'mail.example.com' } },
        },
        {
          name: 'example.com',
          type: DNS_TYPE.MX,
          ttl: 3600,
          data: { mx: { preference: 20, exchange: 'backup.mail.example.com' } },
        },
      ],
    },
    true,
  );
  return [query, answer];
}
