/**
 * toEqual sees a PlacedDeclaration's own fields only (its place): what the line declares sits
 * behind getters. Compared as the plain declaration it stands for, so a test that compares
 * parsed manifests compares everything, whichever side is a class instance.
 */
import { expect } from 'vitest';
import { PlacedDeclaration, plainDeclaration } from '../../src/model/declaration.js';

expect.addEqualityTesters([
  function placedDeclarations(a: unknown, b: unknown, customTesters) {
    if (!(a instanceof PlacedDeclaration) && !(b instanceof PlacedDeclaration)) return undefined;
    const plain = (x: unknown) => (x instanceof PlacedDeclaration ? plainDeclaration(x) : x);
    return this.equals(plain(a), plain(b), customTesters);
  },
]);
