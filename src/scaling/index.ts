// Single source of truth for every EfficientNet number in the lab (pure TypeScript).
export * from './constants';
export * from './variants';
export * from './rounding';
export * from './coefficients';
export * from './layers';
export * from './network';
export * from './paper-results';
export * from './methods';
export * from './custom-coefficients';
export * from './scaling';
