import DefaultTheme from 'vitepress/theme';
import 'py-worker-run'; // defines <py-worker-run> in the browser (on the server, importing it is harmless)

export default DefaultTheme;
