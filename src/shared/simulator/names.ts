// Names and numbers that look Nordic. Numbers are stored as the platform stores
// them: country code digits without '+' (DK 45 + 8 digits, SE 46 + 9 digits
// for mobiles, NO 47 + 8 digits).
import type { Rng } from './prng';

export const DANISH_FIRST = [
  'Mette',
  'Lars',
  'Anne',
  'Søren',
  'Camilla',
  'Jesper',
  'Louise',
  'Mads',
  'Sofie',
  'Rasmus',
  'Ida',
  'Frederik',
  'Maja',
  'Henrik',
  'Line',
  'Thomas',
  'Pernille',
  'Anders',
  'Signe',
  'Mikkel',
  'Birgitte',
  'Jens',
  'Karen',
  'Niels',
  'Astrid',
];
export const DANISH_LAST = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Møller',
  'Poulsen',
  'Johansen',
  'Knudsen',
  'Mortensen',
];
export const ENGLISH_FIRST = [
  'Emma',
  'James',
  'Olivia',
  'William',
  'Charlotte',
  'George',
  'Amelia',
  'Harry',
  'Grace',
  'Jack',
  'Lucy',
  'Oliver',
  'Sarah',
  'Daniel',
  'Hannah',
];
export const ENGLISH_LAST = [
  'Smith',
  'Taylor',
  'Brown',
  'Wilson',
  'Evans',
  'Walker',
  'Wright',
  'Robinson',
  'Thompson',
  'Clarke',
  'Hughes',
  'Green',
];

/** Enquiry registration categories (the agent's wrap-up, enqreg_header). */
export const REGISTRATIONS = [
  'Faktura – spørgsmål',
  'Betalingsaftale',
  'Adresseændring',
  'Opsigelse',
  'Nyt abonnement',
  'Teknisk fejl – internet',
  'Teknisk fejl – mobil',
  'Klage',
  'Levering',
  'Andet',
  'Salg – mersalg',
  'Ikke truffet',
];

/** A distinct agent name: Danish mostly, English for some; a middle initial, then a number, once the plain names run out. */
export function agentName(rng: Rng, english: boolean, used: Set<string>): string {
  const first = english ? ENGLISH_FIRST : DANISH_FIRST;
  const last = english ? ENGLISH_LAST : DANISH_LAST;
  for (let attempt = 0; ; attempt++) {
    let name = `${rng.pick(first)} ${rng.pick(last)}`;
    if (attempt >= 20) name = `${name.split(' ')[0]} ${'ABCDEFGHIJKLMNOPRST'[rng.int(0, 18)]}. ${name.split(' ')[1]}`;
    if (attempt >= 40) name = `${name} ${used.size + 1}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const DK_FIRST_DIGITS = '2345678' as const;

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + ((rng.next() * 10) | 0));
  return s;
}

export function danishNumber(rng: Rng): string {
  return '45' + DK_FIRST_DIGITS[(rng.next() * DK_FIRST_DIGITS.length) | 0] + digits(rng, 7);
}
export function swedishMobile(rng: Rng): string {
  return '467' + '0236'[(rng.next() * 4) | 0] + digits(rng, 7);
}
export function norwegianMobile(rng: Rng): string {
  return '47' + '49'[(rng.next() * 2) | 0] + digits(rng, 7);
}

export function customerNumber(rng: Rng, country: 'dk' | 'se' | 'no'): string {
  return country === 'se' ? swedishMobile(rng) : country === 'no' ? norwegianMobile(rng) : danishNumber(rng);
}
