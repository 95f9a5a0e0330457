export { HttpPropertyTaxSystem, type HttpPropertyTaxOptions } from './http-property-tax';
export { PropertyTaxSandbox, SANDBOX_SOURCE } from './property-tax-sandbox';
