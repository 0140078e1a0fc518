// The theme's own script (deferred, as Dawn's global.js): gallery thumbnails and the quantity stepper.
const hero = document.querySelector('#hero');
for (const button of document.querySelectorAll('[data-media]')) {
  button.addEventListener('click', () => {
    const { media } = button.dataset;
    hero.srcset = '';
    hero.src = `/bench/storefront/images/${media}-600.jpg`;
    for (const b of document.querySelectorAll('[data-media]')) b.setAttribute('aria-current', String(b === button));
  });
}
for (const step of document.querySelectorAll('[data-step]')) {
  step.addEventListener('click', () => {
    const input = document.querySelector('#quantity');
    input.value = String(Math.max(1, Number(input.value) + Number(step.dataset.step)));
  });
}
