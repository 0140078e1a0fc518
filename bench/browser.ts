/** Bare Konva for the keystroke baseline in bench/keystroke.html (dist/bench-browser.js). */
export { default as Konva } from 'konva/lib/Core';
export { Text } from 'konva/lib/shapes/Text';
