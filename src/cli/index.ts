#!/usr/bin/env node
// Placeholder until the CLI lands in this session.
console.log('product-customizer');
