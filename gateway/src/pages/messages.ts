import type { PageLanguage } from './language';

/**
 * Every sentence of the account pages. Placeholders in braces ({username}, {min}, …) are filled
 * in by the page's script, which gets the `client*` sentences through a data attribute.
 */
export interface PageMessages {
  activateTitle: string;
  activateIntro: string;
  resetTitle: string;
  resetIntro: string;
  forgotTitle: string;
  forgotIntro: string;
  confirmTitle: string;
  confirmIntro: string;
  newPassword: string;
  repeatPassword: string;
  usernameOrEmail: string;
  activateButton: string;
  resetButton: string;
  sendLinkButton: string;
  confirmButton: string;
  passwordPolicy: string;
  needsJavaScript: string;
  clientMismatch: string;
  clientEmpty: string;
  clientLengthShort: string;
  clientLengthOk: string;
  clientLengthLong: string;
  clientMissingToken: string;
  clientLinkInvalid: string;
  clientLinkExpired: string;
  clientRequestNewLink: string;
  clientRateLimited: string;
  clientFailed: string;
  clientWorking: string;
  clientActivateDone: string;
  clientResetDone: string;
  clientForgotDone: string;
  clientConfirmDone: string;
}

const en: PageMessages = {
  activateTitle: 'Choose your password',
  activateIntro: 'Choose the password you will sign in with to activate your account.',
  resetTitle: 'Choose a new password',
  resetIntro: 'Choose a new password for your account.',
  forgotTitle: 'Forgot your password?',
  forgotIntro: 'Enter your username or email address and we will mail you a link to choose a new password.',
  confirmTitle: 'Confirm your new email address',
  confirmIntro: 'Press the button to make this your account’s email address.',
  newPassword: 'New password',
  repeatPassword: 'Repeat password',
  usernameOrEmail: 'Username or email',
  activateButton: 'Activate',
  resetButton: 'Reset password',
  sendLinkButton: 'Send link',
  confirmButton: 'Confirm email address',
  passwordPolicy: 'At least {min} and at most {max} characters; not a common password, and not your username or email address.',
  needsJavaScript: 'This page needs JavaScript. Please enable it and reload the page.',
  clientMismatch: 'The two passwords are not the same.',
  clientEmpty: 'Please fill in this field.',
  clientLengthShort: '{count} characters so far: at least {min} are needed.',
  clientLengthOk: '{count} characters: long enough.',
  clientLengthLong: '{count} characters: at most {max} are allowed.',
  clientMissingToken: 'This link is incomplete. Open the link from your mail again, or ask for a new one.',
  clientLinkInvalid: 'This link no longer works: it is not valid, has expired or was already used.',
  clientLinkExpired: 'This link has expired.',
  clientRequestNewLink: 'Ask for a new link',
  clientRateLimited: 'Too many attempts. Please wait a moment and try again.',
  clientFailed: 'Something went wrong. Please try again in a moment.',
  clientWorking: 'One moment…',
  clientActivateDone: 'Your password is set. You can now sign in with your username {username} and this password.',
  clientResetDone: 'Your password is changed. You can now sign in with your new password.',
  clientForgotDone: 'If an account matches, a link is on its way. Check your mailbox (and your spam folder).',
  clientConfirmDone: 'Your email address is confirmed. From now on we write to the new address.',
};

const fr: PageMessages = {
  activateTitle: 'Choisissez votre mot de passe',
  activateIntro: 'Choisissez le mot de passe avec lequel vous vous connecterez pour activer votre compte.',
  resetTitle: 'Choisissez un nouveau mot de passe',
  resetIntro: 'Choisissez un nouveau mot de passe pour votre compte.',
  forgotTitle: 'Mot de passe oublié ?',
  forgotIntro: 'Saisissez votre nom d’utilisateur ou votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  confirmTitle: 'Confirmez votre nouvelle adresse e-mail',
  confirmIntro: 'Appuyez sur le bouton pour en faire l’adresse e-mail de votre compte.',
  newPassword: 'Nouveau mot de passe',
  repeatPassword: 'Répétez le mot de passe',
  usernameOrEmail: 'Nom d’utilisateur ou e-mail',
  activateButton: 'Activer',
  resetButton: 'Réinitialiser le mot de passe',
  sendLinkButton: 'Envoyer le lien',
  confirmButton: 'Confirmer l’adresse e-mail',
  passwordPolicy: 'Au moins {min} et au plus {max} caractères ; pas un mot de passe courant, ni votre nom d’utilisateur ou votre adresse e-mail.',
  needsJavaScript: 'Cette page a besoin de JavaScript. Activez-le puis rechargez la page.',
  clientMismatch: 'Les deux mots de passe ne sont pas identiques.',
  clientEmpty: 'Veuillez remplir ce champ.',
  clientLengthShort: '{count} caractères pour l’instant : il en faut au moins {min}.',
  clientLengthOk: '{count} caractères : c’est assez long.',
  clientLengthLong: '{count} caractères : {max} au maximum sont permis.',
  clientMissingToken: 'Ce lien est incomplet. Ouvrez à nouveau le lien de votre e-mail ou demandez-en un nouveau.',
  clientLinkInvalid: 'Ce lien ne fonctionne plus : il n’est pas valide, a expiré ou a déjà été utilisé.',
  clientLinkExpired: 'Ce lien a expiré.',
  clientRequestNewLink: 'Demander un nouveau lien',
  clientRateLimited: 'Trop de tentatives. Patientez un instant puis réessayez.',
  clientFailed: 'Une erreur s’est produite. Réessayez dans un instant.',
  clientWorking: 'Un instant…',
  clientActivateDone: 'Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter avec votre nom d’utilisateur {username} et ce mot de passe.',
  clientResetDone: 'Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter avec votre nouveau mot de passe.',
  clientForgotDone: 'Si un compte correspond, un lien est en route. Consultez votre boîte de réception (et vos courriers indésirables).',
  clientConfirmDone: 'Votre adresse e-mail est confirmée. Nous vous écrirons désormais à la nouvelle adresse.',
};

const de: PageMessages = {
  activateTitle: 'Wählen Sie Ihr Passwort',
  activateIntro: 'Wählen Sie das Passwort, mit dem Sie sich anmelden werden, um Ihr Konto zu aktivieren.',
  resetTitle: 'Wählen Sie ein neues Passwort',
  resetIntro: 'Wählen Sie ein neues Passwort für Ihr Konto.',
  forgotTitle: 'Passwort vergessen?',
  forgotIntro: 'Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein; wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.',
  confirmTitle: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
  confirmIntro: 'Drücken Sie die Schaltfläche, um diese Adresse zur E-Mail-Adresse Ihres Kontos zu machen.',
  newPassword: 'Neues Passwort',
  repeatPassword: 'Passwort wiederholen',
  usernameOrEmail: 'Benutzername oder E-Mail',
  activateButton: 'Aktivieren',
  resetButton: 'Passwort zurücksetzen',
  sendLinkButton: 'Link senden',
  confirmButton: 'E-Mail-Adresse bestätigen',
  passwordPolicy: 'Mindestens {min} und höchstens {max} Zeichen; kein häufig verwendetes Passwort und nicht Ihr Benutzername oder Ihre E-Mail-Adresse.',
  needsJavaScript: 'Diese Seite benötigt JavaScript. Bitte aktivieren Sie es und laden Sie die Seite neu.',
  clientMismatch: 'Die beiden Passwörter stimmen nicht überein.',
  clientEmpty: 'Bitte füllen Sie dieses Feld aus.',
  clientLengthShort: 'Bisher {count} Zeichen: mindestens {min} sind nötig.',
  clientLengthOk: '{count} Zeichen: lang genug.',
  clientLengthLong: '{count} Zeichen: höchstens {max} sind erlaubt.',
  clientMissingToken: 'Dieser Link ist unvollständig. Öffnen Sie den Link aus Ihrer E-Mail erneut oder fordern Sie einen neuen an.',
  clientLinkInvalid: 'Dieser Link funktioniert nicht mehr: Er ist ungültig, abgelaufen oder wurde bereits verwendet.',
  clientLinkExpired: 'Dieser Link ist abgelaufen.',
  clientRequestNewLink: 'Neuen Link anfordern',
  clientRateLimited: 'Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  clientFailed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',
  clientWorking: 'Einen Moment…',
  clientActivateDone: 'Ihr Passwort ist gesetzt. Sie können sich jetzt mit Ihrem Benutzernamen {username} und diesem Passwort anmelden.',
  clientResetDone: 'Ihr Passwort wurde geändert. Sie können sich jetzt mit Ihrem neuen Passwort anmelden.',
  clientForgotDone: 'Wenn ein Konto passt, ist ein Link unterwegs. Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach.',
  clientConfirmDone: 'Ihre E-Mail-Adresse ist bestätigt. Ab jetzt schreiben wir an die neue Adresse.',
};

const es: PageMessages = {
  activateTitle: 'Elija su contraseña',
  activateIntro: 'Elija la contraseña con la que iniciará sesión para activar su cuenta.',
  resetTitle: 'Elija una contraseña nueva',
  resetIntro: 'Elija una contraseña nueva para su cuenta.',
  forgotTitle: '¿Ha olvidado su contraseña?',
  forgotIntro: 'Escriba su nombre de usuario o su correo electrónico y le enviaremos un enlace para elegir una contraseña nueva.',
  confirmTitle: 'Confirme su nueva dirección de correo',
  confirmIntro: 'Pulse el botón para que esta sea la dirección de correo de su cuenta.',
  newPassword: 'Contraseña nueva',
  repeatPassword: 'Repita la contraseña',
  usernameOrEmail: 'Nombre de usuario o correo electrónico',
  activateButton: 'Activar',
  resetButton: 'Restablecer contraseña',
  sendLinkButton: 'Enviar enlace',
  confirmButton: 'Confirmar dirección de correo',
  passwordPolicy: 'Al menos {min} y como máximo {max} caracteres; que no sea una contraseña común ni su nombre de usuario o su correo electrónico.',
  needsJavaScript: 'Esta página necesita JavaScript. Actívelo y vuelva a cargar la página.',
  clientMismatch: 'Las dos contraseñas no coinciden.',
  clientEmpty: 'Rellene este campo.',
  clientLengthShort: '{count} caracteres por ahora: se necesitan al menos {min}.',
  clientLengthOk: '{count} caracteres: suficientemente larga.',
  clientLengthLong: '{count} caracteres: se permiten como máximo {max}.',
  clientMissingToken: 'Este enlace está incompleto. Vuelva a abrir el enlace de su correo o pida uno nuevo.',
  clientLinkInvalid: 'Este enlace ya no funciona: no es válido, ha caducado o ya se utilizó.',
  clientLinkExpired: 'Este enlace ha caducado.',
  clientRequestNewLink: 'Pedir un enlace nuevo',
  clientRateLimited: 'Demasiados intentos. Espere un momento y vuelva a intentarlo.',
  clientFailed: 'Algo ha fallado. Vuelva a intentarlo dentro de un momento.',
  clientWorking: 'Un momento…',
  clientActivateDone: 'Su contraseña está guardada. Ya puede iniciar sesión con su nombre de usuario {username} y esta contraseña.',
  clientResetDone: 'Su contraseña se ha cambiado. Ya puede iniciar sesión con su contraseña nueva.',
  clientForgotDone: 'Si alguna cuenta coincide, le hemos enviado un enlace. Revise su bandeja de entrada (y la carpeta de correo no deseado).',
  clientConfirmDone: 'Su dirección de correo está confirmada. A partir de ahora le escribiremos a la nueva dirección.',
};

const nl: PageMessages = {
  activateTitle: 'Kies uw wachtwoord',
  activateIntro: 'Kies het wachtwoord waarmee u zich aanmeldt om uw account te activeren.',
  resetTitle: 'Kies een nieuw wachtwoord',
  resetIntro: 'Kies een nieuw wachtwoord voor uw account.',
  forgotTitle: 'Wachtwoord vergeten?',
  forgotIntro: 'Vul uw gebruikersnaam of e-mailadres in; we mailen u een link om een nieuw wachtwoord te kiezen.',
  confirmTitle: 'Bevestig uw nieuwe e-mailadres',
  confirmIntro: 'Druk op de knop om dit het e-mailadres van uw account te maken.',
  newPassword: 'Nieuw wachtwoord',
  repeatPassword: 'Herhaal wachtwoord',
  usernameOrEmail: 'Gebruikersnaam of e-mailadres',
  activateButton: 'Activeren',
  resetButton: 'Wachtwoord opnieuw instellen',
  sendLinkButton: 'Link versturen',
  confirmButton: 'E-mailadres bevestigen',
  passwordPolicy: 'Minstens {min} en hoogstens {max} tekens; geen veelgebruikt wachtwoord, en niet uw gebruikersnaam of e-mailadres.',
  needsJavaScript: 'Deze pagina heeft JavaScript nodig. Zet het aan en laad de pagina opnieuw.',
  clientMismatch: 'De twee wachtwoorden zijn niet gelijk.',
  clientEmpty: 'Vul dit veld in.',
  clientLengthShort: 'Tot nu toe {count} tekens: er zijn er minstens {min} nodig.',
  clientLengthOk: '{count} tekens: lang genoeg.',
  clientLengthLong: '{count} tekens: hoogstens {max} zijn toegestaan.',
  clientMissingToken: 'Deze link is onvolledig. Open de link uit uw e-mail opnieuw of vraag een nieuwe aan.',
  clientLinkInvalid: 'Deze link werkt niet meer: hij is ongeldig, verlopen of al gebruikt.',
  clientLinkExpired: 'Deze link is verlopen.',
  clientRequestNewLink: 'Vraag een nieuwe link aan',
  clientRateLimited: 'Te veel pogingen. Wacht even en probeer het opnieuw.',
  clientFailed: 'Er ging iets mis. Probeer het zo opnieuw.',
  clientWorking: 'Even geduld…',
  clientActivateDone: 'Uw wachtwoord is ingesteld. U kunt zich nu aanmelden met uw gebruikersnaam {username} en dit wachtwoord.',
  clientResetDone: 'Uw wachtwoord is gewijzigd. U kunt zich nu aanmelden met uw nieuwe wachtwoord.',
  clientForgotDone: 'Als er een account bij past, is er een link onderweg. Kijk in uw inbox (en in de map met ongewenste mail).',
  clientConfirmDone: 'Uw e-mailadres is bevestigd. Vanaf nu schrijven we naar het nieuwe adres.',
};

export const PAGE_MESSAGES: Record<PageLanguage, PageMessages> = { en, fr, de, es, nl };
