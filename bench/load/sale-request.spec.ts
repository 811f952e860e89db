import type { MixPart } from '../mix';
import { kenyanMobile, picker } from './sale-request';

const part = (sku: string, share: number): MixPart => ({ sku, kind: 'pin', operator: 'o', share, amount: 1 });

describe(picker.name, () => {
  it('draws each product by its share', () => {
    const parts = [part('A', 0.8), part('B', 0.2)];
    const draws = [0, 0.5, 0.79, 0.8, 0.99];
    let i = 0;
    const pick = picker(parts, () => draws[i++]);
    expect(draws.map(() => pick().sku)).toEqual(['A', 'A', 'A', 'B', 'B']);
  });
});

describe(kenyanMobile.name, () => {
  it('gives Kenyan mobile numbers that the operator simulator neither declines nor delays', () => {
    for (let n = 0; n < 2000; n++) {
      const number = kenyanMobile();
      expect(number).toMatch(/^\+25471\d{7}$/);
      expect(number).not.toMatch(/99[89]$/);
    }
  });
});
