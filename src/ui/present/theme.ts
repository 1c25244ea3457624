// The two colour schemes of the page and of its terminals: the normal dark one, and a high-contrast
// one for projectors that wash colours out (pure black and white, saturated ANSI colours, every pair
// above WCAG's 7:1). The page's colours are CSS custom properties (theme.css); the terminals take
// the same choice as xterm themes.

import type { ITheme } from '@xterm/xterm'

export type ThemeName = 'dark' | 'contrast'

export const TERMINAL_THEMES: Record<ThemeName, ITheme> = {
  dark: { background: '#111418', foreground: '#d8dee9' },
  contrast: {
    background: '#000000',
    foreground: '#ffffff',
    cursor: '#ffff00',
    selectionBackground: '#ffff0066',
    black: '#000000',
    red: '#ff6b6b',
    green: '#5cff5c',
    yellow: '#ffff00',
    blue: '#8cb4ff',
    magenta: '#ff8cff',
    cyan: '#5cffff',
    white: '#ffffff',
    brightBlack: '#c0c0c0',
    brightRed: '#ff9c9c',
    brightGreen: '#9cff9c',
    brightYellow: '#ffff9c',
    brightBlue: '#b4d0ff',
    brightMagenta: '#ffb4ff',
    brightCyan: '#9cffff',
    brightWhite: '#ffffff',
  },
}
